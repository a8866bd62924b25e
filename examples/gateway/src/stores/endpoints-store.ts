import type { Queryable } from '../db/database.js';
import { type After, type Mode, positionColumn, type Scope } from './rows.js';
import { rotationSet } from './secret-rotation.js';

export interface EndpointRow {
  id: string;
  mode: Mode;
  url: string;
  enabled_events: string[];
  description: string | null;
  enabled: boolean;
  /** Set while the endpoint is paused: it is kept, but new events are not sent to it. */
  disabled_at: Date | string | null;
  created_at: Date | string;
}

const columns = 'id, mode, url, enabled_events, description, enabled, disabled_at, created_at';

export async function insertEndpoint(
  tx: Queryable,
  endpoint: {
    id: string;
    scope: Scope;
    url: string;
    description: string | null;
    events: readonly string[];
    secret: string;
  },
): Promise<EndpointRow> {
  const rows = await tx.query<EndpointRow>(
    `insert into webhook_endpoints (id, merchant_id, mode, url, description, enabled_events, secret)
     values ($1, $2, $3, $4, $5, $6, $7) returning ${columns}`,
    [
      endpoint.id,
      endpoint.scope.merchantId,
      endpoint.scope.mode,
      endpoint.url,
      endpoint.description,
      endpoint.events,
      endpoint.secret,
    ],
  );
  return rows[0] as EndpointRow;
}

/** The scope's enabled endpoints, newest first: `limit + 1` rows after `after`. */
export function listEndpoints(
  db: Queryable,
  scope: Scope,
  after: After | undefined,
  limit: number,
) {
  return db.query<EndpointRow & { position: string }>(
    `select ${columns}, ${positionColumn('created_at')}
     from webhook_endpoints
     where merchant_id = $1 and mode = $2 and enabled
       and ($3::timestamptz is null or (created_at, id) < ($3, $4))
     order by created_at desc, id desc limit $5`,
    [scope.merchantId, scope.mode, after?.createdAt ?? null, after?.id ?? '', limit + 1],
  );
}

/**
 * How many enabled endpoints the scope has, counted under a lock held to the end of the
 * transaction, so concurrent registrations cannot both pass a cap.
 */
export async function countEndpointsLocked(tx: Queryable, scope: Scope): Promise<number> {
  await tx.query(
    "select pg_advisory_xact_lock(hashtext('webhook-endpoints:' || $1 || ':' || $2))",
    [scope.merchantId, scope.mode],
  );
  const rows = await tx.query<{ n: string }>(
    'select count(*)::text as n from webhook_endpoints where merchant_id = $1 and mode = $2 and enabled',
    [scope.merchantId, scope.mode],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Disables an enabled endpoint of the scope; true when it did. */
export async function disableEndpoint(db: Queryable, scope: Scope, id: string): Promise<boolean> {
  const rows = await db.query(
    'update webhook_endpoints set enabled = false where id = $1 and merchant_id = $2 and mode = $3 and enabled returning id',
    [id, scope.merchantId, scope.mode],
  );
  return rows.length > 0;
}

/** One enabled (not deleted) endpoint of the scope. */
export async function findEndpoint(
  db: Queryable,
  scope: Scope,
  id: string,
): Promise<EndpointRow | undefined> {
  const rows = await db.query<EndpointRow>(
    `select ${columns} from webhook_endpoints where id = $1 and merchant_id = $2 and mode = $3 and enabled`,
    [id, scope.merchantId, scope.mode],
  );
  return rows[0];
}

/** New event subscriptions and paused state; the row, or undefined when not the scope's. */
export async function updateEndpoint(
  db: Queryable,
  scope: Scope,
  id: string,
  change: { events: readonly string[]; paused: boolean },
): Promise<EndpointRow | undefined> {
  const rows = await db.query<EndpointRow>(
    `update webhook_endpoints set enabled_events = $4,
       disabled_at = case when $5 then coalesce(disabled_at, now()) else null end
     where id = $1 and merchant_id = $2 and mode = $3 and enabled returning ${columns}`,
    [id, scope.merchantId, scope.mode, change.events, change.paused],
  );
  return rows[0];
}

/**
 * A new signing secret; the previous one keeps signing beside it for `overlapSeconds`. A
 * rotation during an overlap (a resent form, a second click, a leaked new secret) keeps the
 * secret before too, until its own overlap ends: receivers on either never miss a delivery.
 */
export async function replaceEndpointSecret(
  db: Queryable,
  scope: Scope,
  id: string,
  secret: string,
  overlapSeconds: number,
): Promise<boolean> {
  const rows = await db.query(
    `update webhook_endpoints set ${rotationSet('$4', '$5')}
     where id = $1 and merchant_id = $2 and mode = $3 and enabled returning id`,
    [id, scope.merchantId, scope.mode, secret, overlapSeconds],
  );
  return rows.length > 0;
}
