import type { Queryable } from '../db/database.js';
import { unmatchedOutcome } from './callbacks-store.js';
import { type EventRecord, eventCtes, eventParams } from './events-store.js';
import { type NewKey, newKeyValues, takeKeySql } from './idempotency-store.js';
import { type After, type Mode, positionColumn, type Scope } from './rows.js';

export type PaymentStatus =
  | 'PENDING'
  | 'AUTHORIZED'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'EXPIRED';
export type TerminalStatus = Exclude<PaymentStatus, 'PENDING' | 'AUTHORIZED'>;

/** A `payments` row as the database returns it (int8 columns arrive as strings or bigints). */
export interface PaymentRow {
  id: string;
  merchant_id: string;
  mode: 'test' | 'live';
  status: PaymentStatus;
  amount_cents: string | number | bigint;
  amount_captured_cents: string | number | bigint;
  amount_refunded_cents: string | number | bigint;
  currency: string;
  provider: string;
  phone: string | null;
  metadata: Record<string, unknown>;
  callback_url: string | null;
  provider_reference: string | null;
  merchant_request_id: string | null;
  receipt: string | null;
  failure_code: string | null;
  failure_message: string | null;
  flagged_reason: string | null;
  /** The hosted checkout session this payment is an attempt of; null for API payments. */
  checkout_session_id: string | null;
  /** What is kept of a card (card payments only): never its number or CVV. */
  card_brand: string | null;
  card_last4: string | null;
  card_exp_month: number | null;
  card_exp_year: number | null;
  /** When an AUTHORIZED card payment's hold expires. */
  authorized_until: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export interface NewPayment {
  id: string;
  merchantId: string;
  mode: 'test' | 'live';
  amountCents: number;
  currency: string;
  provider: string;
  phone: string | null;
  metadata: Record<string, unknown>;
  callbackUrl: string | null;
  /** Set for an attempt started on a hosted checkout page. */
  checkoutSessionId?: string | null;
  /** A card payment's brand, last four digits and expiry. */
  card?: { brand: string; last4: string; expMonth: number; expYear: number } | undefined;
}

/**
 * Inserts a PENDING payment and its first transition, in one statement. With `fence`, the same
 * statement ties the payment to the idempotency key, and inserts nothing (answering undefined)
 * unless the fence's request still holds the key: atomic without a transaction.
 */
export async function insertPayment(
  tx: Queryable,
  payment: NewPayment,
  /**
   * The Idempotency-Key the payment is tied to in the same statement: held by the request, or
   * with `take`, taken by this very statement. No row comes back when the key is not the
   * request's (or, to take, exists already).
   */
  fence?: {
    merchantId: string;
    mode: string;
    key: string;
    owner: string;
    take?: NewKey | undefined;
  },
): Promise<PaymentRow | undefined> {
  const values = [
    payment.id,
    payment.merchantId,
    payment.mode,
    payment.amountCents,
    payment.currency,
    payment.provider,
    payment.phone,
    JSON.stringify(payment.metadata),
    payment.callbackUrl,
    payment.checkoutSessionId ?? null,
    payment.card?.brand ?? null,
    payment.card?.last4 ?? null,
    payment.card?.expMonth ?? null,
    payment.card?.expYear ?? null,
  ];
  const columns = `id, merchant_id, mode, status, amount_cents, currency, provider, phone, metadata,
                   callback_url, checkout_session_id, card_brand, card_last4, card_exp_month, card_exp_year`;
  const row = `$1, $2, $3, 'PENDING', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14`;
  const created = `created as (
       insert into payment_transitions (payment_id, from_status, to_status, reason)
       select id, null, 'PENDING', 'created' from payment
     )`;
  // The key is taken by this statement (`take`), or checked still held by the request.
  const held = fence?.take
    ? takeKeySql((n) => `$${n + 15}`, '$1')
    : `update idempotency_keys set resource_id = $1
           where merchant_id = $15 and key = $16 and mode = $17 and owner = $18 and resource_id is null
           returning key`;
  const rows = fence
    ? await tx.query<PaymentRow>(
        `with held as (${held}), payment as (
           insert into payments (${columns}) select ${row} where exists (select 1 from held) returning *
         ), ${created}
         select * from payment`,
        [
          ...values,
          ...(fence.take
            ? newKeyValues(fence.take)
            : [fence.merchantId, fence.key, fence.mode, fence.owner]),
        ],
      )
    : await tx.query<PaymentRow>(
        `with payment as (insert into payments (${columns}) values (${row}) returning *), ${created}
         select * from payment`,
        values,
      );
  return rows[0];
}

export async function findPayment(db: Queryable, id: string): Promise<PaymentRow | undefined> {
  return (await db.query<PaymentRow>('select * from payments where id = $1', [id]))[0];
}

export async function findMerchantPayment(
  db: Queryable,
  scope: Scope,
  id: string,
): Promise<PaymentRow | undefined> {
  const rows = await db.query<PaymentRow>(
    'select * from payments where id = $1 and merchant_id = $2 and mode = $3',
    [id, scope.merchantId, scope.mode],
  );
  return rows[0];
}

export interface PaymentFilters {
  status?: string | undefined;
  provider?: string | undefined;
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
}

/** Newest first, `limit + 1` rows (the extra one tells whether there is more). */
export function listPayments(
  db: Queryable,
  scope: Scope,
  filters: PaymentFilters,
  after: After | undefined,
  limit: number,
) {
  return db.query<PaymentRow & { position: string }>(
    `select *, ${positionColumn('created_at')}
     from payments
     where merchant_id = $1 and mode = $9
       and ($2::text is null or status = $2)
       and ($3::text is null or provider = $3)
       and ($4::timestamptz is null or created_at >= $4)
       and ($5::timestamptz is null or created_at < $5)
       and ($6::timestamptz is null or (created_at, id) < ($6, $7))
     order by created_at desc, id desc limit $8`,
    [
      scope.merchantId,
      filters.status ?? null,
      filters.provider ?? null,
      filters.createdFrom ?? null,
      filters.createdTo ?? null,
      after?.createdAt ?? null,
      after?.id ?? '',
      limit + 1,
      scope.mode,
    ],
  );
}

/**
 * Stores the provider's reference once (whatever the status: even a payment settled meanwhile
 * must match its callback). Returns the row when it was stored, undefined when one already was.
 */
export async function storeProviderReference(
  tx: Queryable,
  id: string,
  reference: string,
  merchantRequestId: string | null,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set provider_reference = $2, merchant_request_id = $3, updated_at = now()
     where id = $1 and provider_reference is null returning *`,
    [id, reference, merchantRequestId],
  );
  return rows[0];
}

/** What an accepted STK push leaves on its payment. */
export interface StkPushRecord {
  id: string;
  reference: string;
  merchantRequestId: string | null;
  /** The row's new `updated_at`: the time the event's body carries. */
  at: Date;
  /**
   * Seconds after `at` of each early poll (the relay queues each when due). `at` is this process's
   * clock and "due" the database's: a clock apart from the database's by a second moves each poll
   * by that second, nothing more (keep servers on NTP).
   */
  pollSchedule: readonly number[];
  /** `payment.pending`, recorded (with its deliveries) only if the payment is still PENDING. */
  event: EventRecord;
  /**
   * The create's answer, stored under its idempotency key (fenced on the request holding it) in
   * the same statement when the payment is still PENDING.
   */
  answer?: KeyAnswer | undefined;
}

/** An answer to store under an idempotency key, while `owner` holds it. */
export interface KeyAnswer {
  fence: { merchantId: string; mode: string; key: string; owner: string };
  status: number;
  /** The body, as JSON text. */
  body: string;
}

/**
 * Stores an STK push's CheckoutRequestID on its payment, in one statement (one round trip, no
 * transaction) with everything that must commit with it: the first early poll's time, the
 * `payment.pending` event and its deliveries when the payment is still PENDING, and every callback
 * that arrived first and found no payment handed back to the outbox relay (not queued, not
 * processed; one being processed at this moment is waited for, then its outcome read), and the
 * create's answer under its idempotency key. Returns the row when it was stored (undefined when a
 * reference already was), and whether the answer was stored.
 */
export async function storeStkPush(
  db: Queryable,
  push: StkPushRecord,
): Promise<{ payment: PaymentRow | undefined; answered: boolean }> {
  const { pollSchedule, answer } = push;
  const rows = await db.query<PaymentRow & { answered: boolean }>(
    `with stored as (
       update payments set provider_reference = $2, merchant_request_id = $3, updated_at = $4,
         next_poll_at = case when status = 'PENDING' and cardinality($5::int[]) > 0
           then $4::timestamptz + make_interval(secs => ($5::int[])[1]) end,
         poll_step = 1
       where id = $1 and provider_reference is null returning *
     ), requeued as (
       update mpesa_callbacks set
         queued_at = case when outcome = $6 then null else queued_at end,
         processed_at = case when outcome = $6 then null else processed_at end,
         outcome = case when outcome = $6 then null else outcome end
       where checkout_request_id = $2
     ), answered as (
       update idempotency_keys set state = 'done', response_status = $17, response_body = $18
       where merchant_id = $14 and key = $15 and mode = $16 and owner = $19
         and exists (select 1 from stored where status = 'PENDING')
       returning key
     ), ${eventCtes(7, "select 1 from stored where status = 'PENDING'")}
     select stored.*, exists (select 1 from answered) as answered from stored`,
    [
      push.id,
      push.reference,
      push.merchantRequestId,
      push.at,
      pollSchedule,
      unmatchedOutcome,
      ...eventParams(push.event),
      answer?.fence.merchantId ?? null,
      answer?.fence.key ?? null,
      answer?.fence.mode ?? null,
      answer?.status ?? null,
      answer?.body ?? null,
      answer?.fence.owner ?? null,
    ],
  );
  const row = rows[0];
  if (!row) return { payment: undefined, answered: false };
  const { answered, ...payment } = row;
  return { payment: payment as PaymentRow, answered };
}

/**
 * Schedules a payment's early polls (seconds from now), for a provider whose outcome is unknown
 * for now; the relay queues each when due.
 */
export async function schedulePolls(
  db: Queryable,
  id: string,
  pollSchedule: readonly number[],
): Promise<void> {
  if (pollSchedule.length === 0) return;
  await db.query(
    `update payments set next_poll_at = now() + make_interval(secs => ($2::int[])[1]),
       poll_step = 1
     where id = $1 and status = 'PENDING'`,
    [id, pollSchedule],
  );
}

/** How many of the scope's pending payments have an early poll still to come. */
export async function scheduledPolls(db: Queryable, scope: Scope): Promise<number> {
  const rows = await db.query<{ n: string }>(
    `select count(*)::text as n from payments
     where merchant_id = $1 and mode = $2 and next_poll_at is not null and status = 'PENDING'`,
    [scope.merchantId, scope.mode],
  );
  return Number(rows[0]?.n ?? 0);
}

/** A payment whose early poll is due. */
export interface DuePoll {
  id: string;
  merchant_id: string;
  mode: Mode;
}

/**
 * Marks up to `limit` payments whose early poll is due as polled, each moved to its next step of
 * `pollSchedule` (or off the schedule after its last), and answers the ones still PENDING: the
 * relay queues a poll of each in the same transaction. Rows another relay holds are skipped.
 */
export async function takeDuePolls(
  tx: Queryable,
  pollSchedule: readonly number[],
  limit: number,
): Promise<DuePoll[]> {
  const rows = await tx.query<DuePoll & { status: PaymentStatus }>(
    `update payments set
       next_poll_at = case when status = 'PENDING' and poll_step < cardinality($2::int[])
         then next_poll_at + make_interval(secs => ($2::int[])[poll_step + 1] - ($2::int[])[poll_step])
       end,
       poll_step = poll_step + 1
     where id in (select id from payments where next_poll_at <= now()
                  order by next_poll_at limit $1 for update skip locked)
     returning id, merchant_id, mode, status`,
    [limit, pollSchedule],
  );
  return rows.filter((row) => row.status === 'PENDING');
}

/** The payment of `mode` a provider reference belongs to, locked for the rest of the transaction. */
export async function lockPaymentByReference(
  tx: Queryable,
  reference: string,
  mode: Mode,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    'select * from payments where provider_reference = $1 and mode = $2 for update',
    [reference, mode],
  );
  return rows[0];
}

export interface SettleColumns {
  to: TerminalStatus;
  receipt: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

/**
 * Compare-and-set from PENDING: the row when this call moved it, undefined when none did. A
 * payment flagged for review never moves: a person decides (a later callback, a status query or
 * the expiry sweep may not settle it). An M-Pesa payment is captured when paid: COMPLETED
 * captures the whole amount.
 */
export async function settlePendingPayment(
  tx: Queryable,
  id: string,
  columns: SettleColumns,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set status = $2, receipt = coalesce($3, receipt), failure_code = $4,
       failure_message = $5, updated_at = now(),
       amount_captured_cents = case when $2 = 'COMPLETED' then amount_cents else 0 end
     where id = $1 and status = 'PENDING' and flagged_reason is null returning *`,
    [id, columns.to, columns.receipt, columns.failureCode, columns.failureMessage],
  );
  return rows[0];
}

export async function setPaymentFlag(tx: Queryable, id: string, reason: string): Promise<void> {
  await tx.query('update payments set flagged_reason = $2, updated_at = now() where id = $1', [
    id,
    reason,
  ]);
}

/**
 * Ends a payment's review: clears its flag if it still has one (a compare-and-set, so of two
 * concurrent reviews one wins). Returns the row as it was before, or undefined when the payment
 * is not flagged (or does not exist).
 */
export async function clearPaymentFlag(tx: Queryable, id: string): Promise<PaymentRow | undefined> {
  // `updated_at` stays: it dates the last settlement, and a checkout attempt M-Pesa never
  // confirmed holds its session for minutes after it (a review must not restart that hold).
  const rows = await tx.query<PaymentRow>(
    `with reviewed as (
       select * from payments where id = $1 and flagged_reason is not null for update
     )
     update payments p set flagged_reason = null
     from reviewed where p.id = reviewed.id
     returning reviewed.*`,
    [id],
  );
  return rows[0];
}

/** Whether a person has ended a review of the payment (it has a `review` transition). */
export async function wasReviewed(db: Queryable, paymentId: string): Promise<boolean> {
  const rows = await db.query<{ reviewed: boolean }>(
    `select exists (select 1 from payment_transitions where payment_id = $1 and reason = 'review')
       as reviewed`,
    [paymentId],
  );
  return rows[0]?.reviewed === true;
}

/** Another payment that already holds `receipt`, if any. */
export async function paymentWithReceipt(
  db: Queryable,
  receipt: string,
  exceptId: string,
): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    'select id from payments where receipt = $1 and id <> $2 limit 1',
    [receipt, exceptId],
  );
  return rows[0]?.id;
}

/** One row of a payment's audit trail. */
export async function insertTransition(
  tx: Queryable,
  transition: {
    paymentId: string;
    from: PaymentStatus | null;
    to: PaymentStatus;
    reason: string;
    data?: unknown;
  },
): Promise<void> {
  await tx.query(
    `insert into payment_transitions (payment_id, from_status, to_status, reason, data)
     values ($1, $2, $3, $4, $5)`,
    [
      transition.paymentId,
      transition.from,
      transition.to,
      transition.reason,
      transition.data === undefined ? null : JSON.stringify(transition.data),
    ],
  );
}

/**
 * Unflagged payments pending longer than `afterSeconds`, oldest first, with whether they are
 * older than `expireAfterSeconds`.
 */
export function pendingForReconciliation(
  db: Queryable,
  options: { afterSeconds: number; expireAfterSeconds: number; limit: number },
) {
  return db.query<{ id: string; expired: boolean; reference: string | null; provider: string }>(
    `select id, created_at < now() - make_interval(secs => $2) as expired, provider_reference as reference,
       provider
     from payments
     where status = 'PENDING' and flagged_reason is null and created_at < now() - make_interval(secs => $1)
     order by created_at limit $3`,
    [options.afterSeconds, options.expireAfterSeconds, options.limit],
  );
}

/**
 * The dashboard's search, newest first (`limit + 1` rows): by status, and by a term that is a
 * payment id, an M-Pesa receipt, or (part of) the customer's phone.
 */
export function searchPayments(
  db: Queryable,
  scope: Scope,
  filters: { status?: string | undefined; term?: string | undefined },
  after: After | undefined,
  limit: number,
) {
  const term = filters.term?.trim() || null;
  const digits = term?.replace(/\D/g, '') || null;
  return db.query<PaymentRow & { position: string }>(
    `select *, ${positionColumn('created_at')}
     from payments
     where merchant_id = $1 and mode = $2
       and ($3::text is null or status = $3)
       and ($4::text is null or id = $4 or receipt = upper($4)
            or ($5::text is not null and length($5) >= 4 and phone like '%' || $5 || '%'))
       and ($6::timestamptz is null or (created_at, id) < ($6, $7))
     order by created_at desc, id desc limit $8`,
    [
      scope.merchantId,
      scope.mode,
      filters.status ?? null,
      term,
      digits,
      after?.createdAt ?? null,
      after?.id ?? '',
      limit + 1,
    ],
  );
}

export interface TransitionRow {
  from_status: PaymentStatus | null;
  to_status: PaymentStatus;
  reason: string;
  /** A reviewer's note, on a `review` row. */
  note: string | null;
  created_at: Date | string;
}

/** A payment's audit trail, oldest first. */
export function listTransitions(db: Queryable, paymentId: string) {
  return db.query<TransitionRow>(
    `select from_status, to_status, reason,
       case when reason = 'review' then data->>'note' end as note, created_at
     from payment_transitions
     where payment_id = $1 order by id`,
    [paymentId],
  );
}

/** Compare-and-set PENDING → AUTHORIZED (a card hold), expiring after `holdSeconds`. */
export async function authorizePendingPayment(
  tx: Queryable,
  id: string,
  holdSeconds: number,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set status = 'AUTHORIZED', updated_at = now(),
       authorized_until = now() + make_interval(secs => $2)
     where id = $1 and status = 'PENDING' returning *`,
    [id, holdSeconds],
  );
  return rows[0];
}

/** Compare-and-set AUTHORIZED → COMPLETED, capturing `amountCents` (at most the amount). */
export async function captureAuthorizedPayment(
  tx: Queryable,
  id: string,
  amountCents: number,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set status = 'COMPLETED', amount_captured_cents = $2, updated_at = now()
     where id = $1 and status = 'AUTHORIZED' and $2 <= amount_cents returning *`,
    [id, amountCents],
  );
  return rows[0];
}

/** Compare-and-set AUTHORIZED → CANCELLED (voided) or EXPIRED (not captured in time). */
export async function endAuthorization(
  tx: Queryable,
  id: string,
  to: 'CANCELLED' | 'EXPIRED',
  failure: { code: string; message: string },
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set status = $2, failure_code = $3, failure_message = $4, updated_at = now()
     where id = $1 and status = 'AUTHORIZED' returning *`,
    [id, to, failure.code, failure.message],
  );
  return rows[0];
}

/** AUTHORIZED payments past their hold, oldest first. */
export async function expiredAuthorizations(db: Queryable, limit: number): Promise<PaymentRow[]> {
  return db.query<PaymentRow>(
    `select * from payments where status = 'AUTHORIZED' and authorized_until <= now()
     order by authorized_until limit $1`,
    [limit],
  );
}

/** The next provider takes a payment none has acted on yet (compare-and-set). */
export async function switchPaymentProvider(
  tx: Queryable,
  id: string,
  provider: string,
): Promise<PaymentRow | undefined> {
  const rows = await tx.query<PaymentRow>(
    `update payments set provider = $2, updated_at = now()
     where id = $1 and status = 'PENDING' and provider_reference is null returning *`,
    [id, provider],
  );
  return rows[0];
}
