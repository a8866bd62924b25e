import type { Queryable } from '../db/database.js';
import { type After, positionColumn } from './rows.js';

export interface EndpointRow {
  id: string;
  url: string;
  enabled_events: string[];
  description: string | null;
  enabled: boolean;
  created_at: Date | string;
}

export async function insertEndpoint(
  tx: Queryable,
  endpoint: {
    id: string;
    merchantId: string;
    url: string;
    description: string | null;
    events: readonly string[];
    secret: string;
  },
): Promise<EndpointRow> {
  const rows = await tx.query<EndpointRow>(
    `insert into webhook_endpoints (id, merchant_id, url, description, enabled_events, secret)
     values ($1, $2, $3, $4, $5, $6)
     returning id, url, enabled_events, description, enabled, created_at`,
    [
      endpoint.id,
      endpoint.merchantId,
      endpoint.url,
      endpoint.description,
      endpoint.events,
      endpoint.secret,
    ],
  );
  return rows[0] as EndpointRow;
}

/** The merchant's enabled endpoints, newest first: `limit + 1` rows after `after`. */
export function listEndpoints(
  db: Queryable,
  merchantId: string,
  after: After | undefined,
  limit: number,
) {
  return db.query<EndpointRow & { position: string }>(
    `select id, url, enabled_events, description, enabled, created_at, ${positionColumn('created_at')}
     from webhook_endpoints
     where merchant_id = $1 and enabled
       and ($2::timestamptz is null or (created_at, id) < ($2, $3))
     order by created_at desc, id desc limit $4`,
    [merchantId, after?.createdAt ?? null, after?.id ?? '', limit + 1],
  );
}

/**
 * How many enabled endpoints the merchant has, counted under a per-merchant lock held to the end
 * of the transaction, so concurrent registrations cannot both pass a cap.
 */
export async function countEndpointsLocked(tx: Queryable, merchantId: string): Promise<number> {
  await tx.query("select pg_advisory_xact_lock(hashtext('webhook-endpoints:' || $1))", [
    merchantId,
  ]);
  const rows = await tx.query<{ n: string }>(
    'select count(*)::text as n from webhook_endpoints where merchant_id = $1 and enabled',
    [merchantId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Disables an enabled endpoint; true when it did. */
export async function disableEndpoint(
  db: Queryable,
  merchantId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(
    'update webhook_endpoints set enabled = false where id = $1 and merchant_id = $2 and enabled returning id',
    [id, merchantId],
  );
  return rows.length > 0;
}
