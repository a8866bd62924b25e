import type { Queryable } from '../db/database.js';
import { type After, positionColumn, type Scope } from './rows.js';

export type PayoutStatus = 'PENDING' | 'COMPLETED' | 'FAILED';

/** A `payouts` row as the database returns it (int8 columns arrive as strings or bigints). */
export interface PayoutRow {
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: PayoutStatus;
  amount_cents: string | number | bigint;
  currency: string;
  phone: string;
  recipient_name: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  callback_url: string | null;
  originator_conversation_id: string;
  provider_reference: string | null;
  receipt: string | null;
  failure_code: string | null;
  failure_message: string | null;
  flagged_reason: string | null;
  status_checked_at: Date | string | null;
  /** When it was last sent to Daraja (null before its first send). */
  sent_at: Date | string | null;
  /** When M-Pesa posted a queue timeout for it (a status check then settles it). */
  queue_timeout_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface NewPayout {
  id: string;
  scope: Scope;
  amountCents: number;
  currency: string;
  phone: string;
  recipientName: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  callbackUrl: string | null;
  originatorConversationId: string;
}

/** Inserts a PENDING payout and its first transition, in one statement. */
export async function insertPayout(tx: Queryable, payout: NewPayout): Promise<PayoutRow> {
  const rows = await tx.query<PayoutRow>(
    `with payout as (
       insert into payouts (id, merchant_id, mode, status, amount_cents, currency, phone, recipient_name,
                            description, metadata, callback_url, originator_conversation_id)
       values ($1, $2, $3, 'PENDING', $4, $5, $6, $7, $8, $9, $10, $11) returning *
     ), created as (
       insert into transfer_transitions (transfer_id, from_status, to_status, reason)
       select id, null, 'PENDING', 'created' from payout
     )
     select * from payout`,
    [
      payout.id,
      payout.scope.merchantId,
      payout.scope.mode,
      payout.amountCents,
      payout.currency,
      payout.phone,
      payout.recipientName,
      payout.description,
      JSON.stringify(payout.metadata),
      payout.callbackUrl,
      payout.originatorConversationId,
    ],
  );
  return rows[0] as PayoutRow;
}

/** Newest first, `limit + 1` rows (the extra one tells whether there is more). */
export function listPayouts(
  db: Queryable,
  scope: Scope,
  status: string | undefined,
  after: After | undefined,
  limit: number,
) {
  return db.query<PayoutRow & { position: string }>(
    `select *, ${positionColumn('created_at')}
     from payouts
     where merchant_id = $1 and mode = $2
       and ($3::text is null or status = $3)
       and ($4::timestamptz is null or (created_at, id) < ($4, $5))
     order by created_at desc, id desc limit $6`,
    [
      scope.merchantId,
      scope.mode,
      status ?? null,
      after?.createdAt ?? null,
      after?.id ?? '',
      limit + 1,
    ],
  );
}
