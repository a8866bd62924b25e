import { createHash, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { ApiError } from '../http/api-error.js';

/** What a mutating route answers; stored under the key and replayed verbatim. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** Handed to the operation so it can tie the resource it creates to the key (crash recovery). */
export interface IdempotencyScope {
  /**
   * Records the created resource's id under the key, inside the caller's transaction. Throws
   * 409 `IDEMPOTENCY_KEY_IN_USE` (rolling that transaction back) when this request no longer
   * holds the key: it outlived its lock and another request took over.
   */
  readonly attach: ((tx: Queryable, resourceId: string) => Promise<void>) | undefined;
  /** The resource an earlier, interrupted attempt created under this key, if any. */
  readonly recoveredResourceId: string | undefined;
}

interface KeyRow {
  request_hash: string;
  state: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  resource_id: string | null;
  locked: boolean;
  expired: boolean;
}

const validKey = /^[\x21-\x7e]{1,255}$/;
/**
 * How long a request may hold its key before another may take over. It covers an STK push with
 * its token fetch (timeouts of 30 s); a holder that outlives it anyway is fenced off by `owner`.
 */
const lockSeconds = 120;

/**
 * Stripe's idempotency semantics over one table: the first request with a key runs, later ones
 * with the same body replay its answer (status included) for 24 hours, a different body is 422
 * `IDEMPOTENCY_KEY_REUSED`, and a request while the first still runs waits for it (up to 10 s)
 * and replays its answer, or is 409 `IDEMPOTENCY_KEY_IN_USE` when it takes longer. A key whose holder died (lock expired) is taken over, and the
 * operation is told which resource the dead attempt created so it never creates a second one.
 */
export async function idempotent(
  db: Database,
  input: { merchantId: string; key: string | undefined; operation: string; rawBody: string },
  run: (scope: IdempotencyScope) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  const { merchantId, key } = input;
  if (key === undefined) {
    return {
      ...(await run({ attach: undefined, recoveredResourceId: undefined })),
      replayed: false,
    };
  }
  if (!validKey.test(key)) {
    throw new ApiError(
      'INVALID_REQUEST',
      'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good choice).',
      'Idempotency-Key',
    );
  }
  const hash = createHash('sha256').update(`${input.operation}\n${input.rawBody}`).digest('hex');
  const owner = randomUUID();
  const recovered = await acquire(db, merchantId, key, hash, owner);
  if (recovered.kind === 'replay') return { ...recovered.response, replayed: true };

  const scope: IdempotencyScope = {
    async attach(tx, resourceId) {
      const attached = await tx.query(
        `update idempotency_keys set resource_id = $4
         where merchant_id = $1 and key = $2 and owner = $3 and resource_id is null returning key`,
        [merchantId, key, owner, resourceId],
      );
      if (attached.length === 0) throw inUse();
    },
    recoveredResourceId: recovered.resourceId,
  };
  let response: StoredResponse;
  try {
    response = await run(scope);
  } catch (error) {
    // Nothing to replay. Free the key at once (for a retry) — a resource it created is recovered.
    await db.query(
      `update idempotency_keys set locked_until = now()
       where merchant_id = $1 and key = $2 and owner = $3 and resource_id is not null`,
      [merchantId, key, owner],
    );
    await db.query(
      `delete from idempotency_keys
       where merchant_id = $1 and key = $2 and owner = $3 and state = 'in_flight' and resource_id is null`,
      [merchantId, key, owner],
    );
    throw error;
  }
  // Fenced: if another request took the key over meanwhile, its answer is the one stored.
  await db.query(
    `update idempotency_keys set state = 'done', response_status = $4, response_body = $5
     where merchant_id = $1 and key = $2 and owner = $3`,
    [merchantId, key, owner, response.status, JSON.stringify(response.body)],
  );
  return { ...response, replayed: false };
}

async function readKey(db: Database, merchantId: string, key: string): Promise<KeyRow | undefined> {
  const rows = await db.query<KeyRow>(
    `select request_hash, state, response_status, response_body, resource_id,
            locked_until > now() as locked, expires_at <= now() as expired
     from idempotency_keys where merchant_id = $1 and key = $2`,
    [merchantId, key],
  );
  return rows[0];
}

/** The stored answer under a finished key. */
function replayOf(row: KeyRow): Acquired {
  return {
    kind: 'replay',
    response: { status: row.response_status ?? 200, body: JSON.parse(row.response_body ?? 'null') },
  };
}

type Acquired =
  | { kind: 'run'; resourceId: string | undefined }
  | { kind: 'replay'; response: StoredResponse };

async function acquire(
  db: Database,
  merchantId: string,
  key: string,
  hash: string,
  owner: string,
): Promise<Acquired> {
  for (let round = 0; round < 3; round++) {
    const inserted = await db.query(
      `insert into idempotency_keys (merchant_id, key, request_hash, state, locked_until, expires_at, owner)
       values ($1, $2, $3, 'in_flight', now() + make_interval(secs => $4), now() + interval '24 hours', $5)
       on conflict (merchant_id, key) do nothing returning key`,
      [merchantId, key, hash, lockSeconds, owner],
    );
    if (inserted.length === 1) return { kind: 'run', resourceId: undefined };

    const row = await readKey(db, merchantId, key);
    if (!row) continue; // deleted meanwhile: try to insert again
    if (row.expired) {
      await db.query(
        'delete from idempotency_keys where merchant_id = $1 and key = $2 and expires_at <= now()',
        [merchantId, key],
      );
      continue;
    }
    if (row.request_hash !== hash) {
      throw new ApiError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request body. Use a new key for a new request.',
        'Idempotency-Key',
      );
    }
    if (row.state === 'done') {
      return replayOf(row);
    }
    if (row.locked) {
      // A concurrent duplicate (usually a client's own retry): wait for the first to finish and
      // answer what it answered, rather than make the caller back off and ask again.
      const settled = await waitForCompletion(db, merchantId, key, hash);
      if (settled) return settled;
      throw inUse();
    }
    // The holder died mid-request: take the key over, compare-and-set on the expired lock.
    const taken = await db.query(
      `update idempotency_keys set locked_until = now() + make_interval(secs => $3), owner = $4
       where merchant_id = $1 and key = $2 and state = 'in_flight' and locked_until <= now()
       returning resource_id`,
      [merchantId, key, lockSeconds, owner],
    );
    if (taken.length === 0) throw inUse();
    return {
      kind: 'run',
      resourceId: (taken[0] as { resource_id: string | null }).resource_id ?? undefined,
    };
  }
  throw inUse();
}

/** How long a duplicate waits for the in-flight original before answering 409. */
const waitForOriginalMs = 10_000;

async function waitForCompletion(
  db: Database,
  merchantId: string,
  key: string,
  hash: string,
): Promise<Acquired | undefined> {
  const deadline = Date.now() + waitForOriginalMs;
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const row = await readKey(db, merchantId, key);
    // Gone (the original failed and freed it) or abandoned: let the caller retry from the top.
    if (!row || row.request_hash !== hash || !row.locked) return undefined;
    if (row.state === 'done') {
      return replayOf(row);
    }
  }
  return undefined;
}

const inUse = () =>
  new ApiError(
    'IDEMPOTENCY_KEY_IN_USE',
    'A request with this Idempotency-Key is still being processed. Retry shortly to get its result.',
    'Idempotency-Key',
  );
