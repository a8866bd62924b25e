import type { Queryable } from '../db/database.js';
import { type After, type Mode, positionColumn, type Scope } from './rows.js';
import { signingSecrets } from './secret-rotation.js';

/** An event to record, with the object's own `callback_url` (delivered to as well), if any. */
export interface EventRecord {
  id: string;
  scope: Scope;
  type: string;
  paymentId: string | null;
  body: string;
  callbackUrl: string | null;
}

/** The parameters of {@link eventCtes}, in its order. */
export function eventParams(event: EventRecord): unknown[] {
  const { id, scope, type, paymentId, body, callbackUrl } = event;
  return [id, scope.merchantId, scope.mode, type, paymentId, body, callbackUrl];
}

/**
 * The common table expressions (`event`, `targets`, `deliveries`) that record an event and one
 * PENDING delivery per distinct URL — the merchant's enabled endpoints subscribed to its type (or
 * to everything), then the object's own callback URL — inside the statement that changes the
 * state, so both commit together in one round trip. The delivery rows are an outbox: the relay
 * queues them. Parameters are `$first`… in {@link eventParams}'s order; with `gate` (a query),
 * nothing is recorded unless it yields a row.
 */
export function eventCtes(first: number, gate?: string): string {
  const p = (i: number) => `$${first + i}`;
  return `event as (
       insert into events (id, merchant_id, mode, type, payment_id, body)
       select ${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(5)}::text
       ${gate ? `where exists (${gate})` : ''}
       returning id, merchant_id, mode, type
     ), targets as (
       select distinct on (url) url, endpoint_id,
         bool_or(rank = 1) over (partition by url) as also_callback_url from (
         select w.url, w.id as endpoint_id, 0 as rank from webhook_endpoints w
           join event on w.merchant_id = event.merchant_id and w.mode = event.mode
         where w.enabled and w.disabled_at is null
           and (event.type = any(w.enabled_events) or '*' = any(w.enabled_events))
         union all
         select ${p(6)}::text, null, 1 from event where ${p(6)}::text is not null
       ) candidates order by url, rank, endpoint_id
     ), deliveries as (
       insert into webhook_deliveries
         (id, event_id, merchant_id, mode, endpoint_id, url, status, next_attempt_at, queued_at,
          also_callback_url)
       select 'wh_' || substr(md5(gen_random_uuid()::text), 1, 20), event.id, event.merchant_id,
         event.mode, targets.endpoint_id, targets.url, 'PENDING', now(), null::timestamptz,
         targets.endpoint_id is not null and targets.also_callback_url
       from targets cross join event
       returning id
     )`;
}

/** Records an event and its deliveries in one statement; answers how many deliveries it made. */
export async function insertEvent(tx: Queryable, event: EventRecord): Promise<number> {
  const rows = await tx.query<{ deliveries: number }>(
    `with ${eventCtes(1)} select (select count(*) from deliveries)::int as deliveries`,
    eventParams(event),
  );
  return rows[0]?.deliveries ?? 0;
}

/**
 * Marks up to `limit` deliveries not yet queued as queued, oldest first, and answers them (the
 * relay queues their first attempts in the same transaction). Rows another relay holds are
 * skipped.
 */
export function takeUnqueuedDeliveries(
  tx: Queryable,
  limit: number,
): Promise<{ id: string; merchant_id: string; mode: Mode }[]> {
  return tx.query(
    `update webhook_deliveries set queued_at = now()
     where id in (select id from webhook_deliveries where queued_at is null
                  order by created_at limit $1 for update skip locked)
     returning id, merchant_id, mode`,
    [limit],
  );
}

/** What one delivery attempt needs: where, the exact bytes, and the secret that signs them. */
export interface DeliveryToAttempt {
  id: string;
  merchant_id: string;
  mode: Mode;
  /** false when the delivery's endpoint was deleted; null for a payment's callback_url. */
  endpoint_enabled: boolean | null;
  url: string;
  status: string;
  attempts: number;
  event_id: string;
  body: string;
  /**
   * Every secret that signs it (Standard Webhooks carries several signatures): the endpoint's
   * (or, for a callback_url, the merchant's for the delivery's mode) current secret, then those whose rotation overlap
   * lasts; where the URL is both an endpoint and the object's callback_url, the other's too.
   */
  signing_secrets: string[];
  /** The one secret of the single-signature header: the oldest still in its overlap. */
  legacy_secret: string;
}

/** The deliveries of `ids` with what an attempt needs (missing ids are left out). */
export async function findDeliveriesToAttempt(
  db: Queryable,
  ids: readonly string[],
): Promise<DeliveryToAttempt[]> {
  return db.query<DeliveryToAttempt>(
    `select d.id, d.merchant_id, d.mode, w.enabled as endpoint_enabled, d.url, d.status, d.attempts, d.event_id, e.body,
            array_remove(case when w.id is null then merchant_secrets.list || same_url.list
                              else endpoint_secrets.list || same_url.list
                                || case when d.also_callback_url then merchant_secrets.list
                                        else array[]::text[] end end, null) as signing_secrets,
            case when w.id is null then coalesce(merchant_secrets.list[3], merchant_secrets.list[2], merchant_secrets.list[1])
                 else coalesce(endpoint_secrets.list[3], endpoint_secrets.list[2], w.secret) end as legacy_secret
     from webhook_deliveries d join events e on e.id = d.event_id
     left join webhook_endpoints w on w.id = d.endpoint_id
     -- The merchant's secrets of the delivery's own mode: a test event never carries a live signature.
     cross join lateral (select coalesce((select ${signingSecrets('m')}
       from merchant_webhook_secrets m where m.merchant_id = d.merchant_id and m.mode = d.mode),
       array[]::text[]) as list
       ) merchant_secrets
     cross join lateral (select ${signingSecrets('w')} as list) endpoint_secrets
     -- The merchant's other enabled endpoints at the same URL (one delivery per URL), and for a
     -- callback_url delivery its endpoints there (for other events): their secrets sign too, so
     -- a receiver set up with any of them verifies.
     cross join lateral (select coalesce((select array_agg(secret order by created_at, id)
       from (select s.created_at, s.id, unnest(${signingSecrets('s')}) as secret
             from webhook_endpoints s
             where s.merchant_id = d.merchant_id and s.mode = d.mode and s.url = d.url
               and s.id is distinct from w.id and s.enabled and s.disabled_at is null) others),
       array[]::text[]) as list) same_url
     where d.id = any($1)`,
    [ids],
  );
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  statusCode: number | null;
  excerpt: string | null;
  durationMs: number;
  error: string | null;
}

/** Logs attempts in one statement (once per number: a redelivered job does not log twice). */
export async function insertAttempts(
  tx: Queryable,
  attempts: readonly AttemptRecord[],
): Promise<void> {
  if (attempts.length === 0) return;
  await tx.query(
    `insert into webhook_attempts (delivery_id, attempt, status_code, response_excerpt, duration_ms, error)
     select * from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[], $6::text[])
     on conflict (delivery_id, attempt) do nothing`,
    [
      attempts.map((a) => a.deliveryId),
      attempts.map((a) => a.attempt),
      attempts.map((a) => a.statusCode),
      attempts.map((a) => a.excerpt),
      attempts.map((a) => a.durationMs),
      attempts.map((a) => a.error),
    ],
  );
}

/** How one attempt moves its delivery on. */
export interface DeliveryAdvance {
  id: string;
  fromAttempts: number;
  attempts: number;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  nextInSeconds: number | undefined;
}

/**
 * Compare-and-set on the attempt count, in one statement: moves each PENDING delivery to its next
 * state. Answers the ids this call moved that may be attempted again or are done (a concurrent or
 * repeated attempt finds one moved on).
 */
export async function advanceDeliveries(
  tx: Queryable,
  changes: readonly DeliveryAdvance[],
): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const rows = await tx.query<{ id: string; status: string }>(
    // A delivery cancelled while this attempt was in flight (its endpoint deleted) still counts
    // the attempt, and is DELIVERED if the attempt was; it is never scheduled again.
    `update webhook_deliveries d set attempts = v.attempts,
       status = case when d.status = 'CANCELLED' and v.status <> 'DELIVERED' then 'CANCELLED'
                     else v.status end,
       cancelled_reason = case when v.status = 'DELIVERED' then null else d.cancelled_reason end,
       next_attempt_at = case when v.next is null or d.status = 'CANCELLED' then null
                              else now() + make_interval(secs => v.next) end,
       updated_at = now()
     from unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::int[])
       as v(id, from_attempts, attempts, status, next)
     where d.id = v.id and d.attempts = v.from_attempts and d.status in ('PENDING', 'CANCELLED')
     returning d.id, d.status`,
    [
      changes.map((c) => c.id),
      changes.map((c) => c.fromAttempts),
      changes.map((c) => c.attempts),
      changes.map((c) => c.status),
      changes.map((c) => c.nextInSeconds ?? null),
    ],
  );
  return new Set(rows.filter((row) => row.status !== 'CANCELLED').map((row) => row.id));
}

export interface DeliveryRow {
  id: string;
  mode: Mode;
  cancelled_reason: string | null;
  event_id: string;
  type: string;
  url: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  position: string;
}

export interface AttemptRow {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  response_excerpt: string | null;
  duration_ms: number;
  error: string | null;
  attempted_at: Date | string;
}

const selectDeliveries = `select d.id, d.mode, d.cancelled_reason, d.event_id, e.type, d.url, d.status, d.attempts, d.next_attempt_at,
  d.created_at, d.updated_at, ${positionColumn('d.created_at')}
  from webhook_deliveries d join events e on e.id = d.event_id`;

/** Newest first, `limit + 1` rows. */
export function listDeliveries(
  db: Queryable,
  scope: Scope,
  filters: {
    status?: string | undefined;
    eventId?: string | undefined;
    paymentId?: string | undefined;
  },
  after: After | undefined,
  limit: number,
) {
  return db.query<DeliveryRow>(
    `${selectDeliveries}
     where d.merchant_id = $1 and d.mode = $7 and ($2::text is null or d.status = $2) and ($3::text is null or d.event_id = $3)
       and ($8::text is null or e.payment_id = $8)
       and ($4::timestamptz is null or (d.created_at, d.id) < ($4, $5))
     order by d.created_at desc, d.id desc limit $6`,
    [
      scope.merchantId,
      filters.status ?? null,
      filters.eventId ?? null,
      after?.createdAt ?? null,
      after?.id ?? '',
      limit + 1,
      scope.mode,
      filters.paymentId ?? null,
    ],
  );
}

export async function findDelivery(
  db: Queryable,
  scope: Scope,
  id: string,
): Promise<DeliveryRow | undefined> {
  const rows = await db.query<DeliveryRow>(
    `${selectDeliveries} where d.id = $1 and d.merchant_id = $2 and d.mode = $3`,
    [id, scope.merchantId, scope.mode],
  );
  return rows[0];
}

/** Every attempt of these deliveries, in order. */
export function attemptsOf(db: Queryable, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return Promise.resolve([] as AttemptRow[]);
  return db.query<AttemptRow>(
    'select * from webhook_attempts where delivery_id = any($1) order by attempt',
    [deliveryIds],
  );
}

/** FAILED or DELIVERED → PENDING, due now. True when the delivery was reopened. */
export async function reopenDelivery(tx: Queryable, scope: Scope, id: string): Promise<boolean> {
  const rows = await tx.query(
    `update webhook_deliveries set status = 'PENDING', next_attempt_at = now(), updated_at = now()
     where id = $1 and merchant_id = $2 and mode = $3 and status in ('FAILED', 'DELIVERED') returning id`,
    [id, scope.merchantId, scope.mode],
  );
  return rows.length > 0;
}

/** The merchant's finished deliveries, for the test-mode queue statistics. */
export async function deliveryTotals(
  db: Queryable,
  scope: Scope,
): Promise<{ delivered: number; failed: number; unqueued: number }> {
  const rows = await db.query<{ completed: string; failed: string; unqueued: string }>(
    `select count(*) filter (where status = 'DELIVERED')::text as completed,
            count(*) filter (where status = 'FAILED')::text as failed,
            count(*) filter (where queued_at is null)::text as unqueued
     from webhook_deliveries where merchant_id = $1 and mode = $2`,
    [scope.merchantId, scope.mode],
  );
  return {
    delivered: Number(rows[0]?.completed ?? 0),
    failed: Number(rows[0]?.failed ?? 0),
    unqueued: Number(rows[0]?.unqueued ?? 0),
  };
}

/** Ends pending deliveries as CANCELLED (all of an endpoint's, or one), with why. Returns their ids. */
/**
 * Before a deleted endpoint's pending deliveries are cancelled, each one another destination
 * still wants is handed over: to another enabled endpoint of the merchant at the same URL that
 * takes the event's type, or, failing one, to the object's own `callback_url` it was also for.
 * Answers how many were handed over.
 */
export async function handOverDeliveries(tx: Queryable, endpointId: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `update webhook_deliveries d set endpoint_id = heir.endpoint_id,
       also_callback_url = heir.endpoint_id is not null and d.also_callback_url,
       updated_at = now()
     from (
       select p.id, (
         select s.id from webhook_endpoints s join events e on e.id = p.event_id
         where s.merchant_id = p.merchant_id and s.mode = p.mode and s.url = p.url
           and s.id <> p.endpoint_id and s.enabled and s.disabled_at is null
           and (e.type = any(s.enabled_events) or '*' = any(s.enabled_events))
         order by s.created_at, s.id limit 1) as endpoint_id
       from webhook_deliveries p where p.endpoint_id = $1 and p.status = 'PENDING'
     ) heir
     where d.id = heir.id and (heir.endpoint_id is not null or d.also_callback_url)
     returning d.id`,
    [endpointId],
  );
  return rows.length;
}

export async function cancelPendingDeliveries(
  tx: Queryable,
  which: { endpointId: string } | { deliveryId: string },
  reason: string,
): Promise<string[]> {
  const [column, id] =
    'endpointId' in which ? ['endpoint_id', which.endpointId] : ['id', which.deliveryId];
  const rows = await tx.query<{ id: string }>(
    `update webhook_deliveries set status = 'CANCELLED', cancelled_reason = $2, next_attempt_at = null,
       updated_at = now()
     where ${column} = $1 and status = 'PENDING' returning id`,
    [id, reason],
  );
  return rows.map((row) => row.id);
}
