import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import {
  attachResource,
  completeKey,
  deleteExpiredKey,
  insertAnsweredKey,
  insertKey,
  insertKeyWithResource,
  type KeyRef,
  type KeyRow,
  type NewKey,
  readKey,
  releaseKey,
  takeOverKey,
} from '../stores/idempotency-store.js';
import { requestFingerprint } from './fingerprint.js';

/** What a mutating route answers; stored under the key and replayed verbatim. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** Handed to the operation so it can tie the resource it creates to the key (crash recovery). */
export interface IdempotencyScope {
  /**
   * Records the created resource's id under the key, inside the caller's transaction (taking
   * the key there, for an operation that takes its key as it writes). Throws
   * `IDEMPOTENCY_KEY_IN_USE` (rolling that transaction back) when this request does not hold the
   * key: it outlived its lock and another request took over, or another request has it.
   */
  readonly attach: ((tx: Queryable, resourceId: string) => Promise<void>) | undefined;
  /**
   * The key and the request holding it, for a store that ties its insert to the key in the same
   * statement (no transaction needed): the insert happens only while this request holds the key.
   * When the store reports the key lost, throw {@link keyLost}.
   */
  readonly fence: KeyFence | undefined;
  /** The resource an earlier, interrupted attempt created under this key, if any. */
  readonly recoveredResourceId: string | undefined;
  /**
   * For an operation whose last statement can store its success answer under the key too (one
   * round trip fewer): the key, the request holding it and the route's success status. The store
   * reports what it stored with `stored`; when that differs from the answer the route gives, the
   * route's answer is stored after all: a replay repeats the route's answer.
   */
  readonly answer: KeyAnswerSlot | undefined;
}

/** Where an operation may store its success answer under the key, fenced on the request. */
export interface KeyAnswerSlot {
  fence: KeyFence;
  status: number;
  /** Tells the idempotency layer the body (JSON text) the operation stored under the key. */
  stored(body: string): void;
}

/** An idempotency key and the request holding it. */
export interface KeyFence extends KeyRef {
  owner: string;
  /**
   * Present when the key is not taken yet (see `takesKeyOnWrite`): the fenced statement takes it,
   * with these terms, rather than checking that the request holds it.
   */
  take?: NewKey | undefined;
}

/** A scope for a request without a key: nothing to attach, nothing to recover. */
export const noIdempotencyScope: IdempotencyScope = {
  attach: undefined,
  fence: undefined,
  recoveredResourceId: undefined,
  answer: undefined,
};

const validKey = /^[\x21-\x7e]{1,255}$/;
/**
 * How long a request may hold its key before another may take over, by default
 * (`IDEMPOTENCY_LOCK_SECONDS`). It covers an STK push with its token fetch (timeouts of 30 s); a
 * holder that outlives it anyway is fenced off by `owner`. A holder whose process died frees its
 * key at once: on PGlite at the restart, on PostgreSQL when its key-holder lock ends.
 */
export const defaultLockSeconds = 120;

/**
 * Stripe's idempotency semantics over one table: the first request with a key runs, later ones
 * with the same parameters replay its answer (status included) for 24 hours, different
 * parameters are `IDEMPOTENCY_KEY_REUSED`, and a request while the first still runs waits for it
 * (up to 10 s) and replays its answer, or is `IDEMPOTENCY_KEY_IN_USE` when it takes longer. A key
 * whose holder died (its lock expired, or its process is gone) is taken over, and the operation is
 * told which resource the dead attempt created so it never creates a second one.
 */
export async function idempotent(
  db: Database,
  input: {
    merchantId: string;
    mode: 'test' | 'live';
    key: string | undefined;
    operation: string;
    parameters: unknown;
    /** The route's status on success: an answer the operation stores itself has it. */
    successStatus: number;
    /**
     * The operation takes the key in the statement that creates its resource (`attach`, or a
     * store fenced with `fence.take`), every one of its successful paths does, and it stores
     * nothing before: the key is not claimed up front, one statement fewer. When the key turns
     * out to exist, the operation fails having stored nothing, and the key's own answer (a
     * replay, `IDEMPOTENCY_KEY_REUSED`, waiting for the first request) comes first.
     */
    takesKeyOnWrite?: boolean;
  },
  run: (scope: IdempotencyScope) => Promise<StoredResponse>,
  lockSeconds = defaultLockSeconds,
): Promise<StoredResponse & { replayed: boolean }> {
  if (input.key === undefined) return { ...(await run(noIdempotencyScope)), replayed: false };
  if (!validKey.test(input.key)) {
    throw new DomainError(
      'INVALID_REQUEST',
      'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good choice).',
      'Idempotency-Key',
    );
  }
  const key: NewKey = {
    merchantId: input.merchantId,
    mode: input.mode,
    key: input.key,
    hash: requestFingerprint(input.operation, input.parameters),
    claimant: { owner: randomUUID(), holder: db.holder?.() ?? null },
    lockSeconds,
  };
  if (input.takesKeyOnWrite) {
    const answered = await runTakingKey(db, key, input.successStatus, run);
    if (answered) return answered;
  }
  const acquired = await acquire(db, key);
  if (acquired.kind === 'replay') return { ...acquired.response, replayed: true };
  const { owner } = key.claimant;
  const fence: KeyFence = { merchantId: key.merchantId, mode: key.mode, key: key.key, owner };
  const scope = {
    async attach(tx: Queryable, resourceId: string) {
      if (!(await attachResource(tx, fence, owner, resourceId))) throw inUse();
    },
    recoveredResourceId: acquired.resourceId,
  };
  return runWithKey(db, fence, input.successStatus, run, scope, async (error) => {
    // Nothing to replay. Free the key at once (for a retry) — a resource it created is recovered.
    await releaseKey(db, fence, owner);
    throw error;
  });
}

/**
 * Runs an operation that takes the key itself (see `takesKeyOnWrite`). Answers undefined when
 * another request has the key: nothing was stored, and the key decides the answer.
 */
async function runTakingKey(
  db: Database,
  key: NewKey,
  successStatus: number,
  run: (scope: IdempotencyScope) => Promise<StoredResponse>,
): Promise<(StoredResponse & { replayed: boolean }) | undefined> {
  const { owner } = key.claimant;
  const fence: KeyFence = {
    merchantId: key.merchantId,
    mode: key.mode,
    key: key.key,
    owner,
    take: key,
  };
  const scope = {
    async attach(tx: Queryable, resourceId: string) {
      if (!(await insertKeyWithResource(tx, key, resourceId))) throw inUse();
    },
    recoveredResourceId: undefined,
  };
  return runWithKey(db, fence, successStatus, run, scope, async (error) => {
    const row = await readKey(db, key);
    // Never taken: the operation's own error (a bad request, a provider's refusal) stands.
    if (!row) throw error;
    if (row.owner === owner) {
      // Taken, then failed: free the key at once (for a retry), as any failed request does.
      await releaseKey(db, key, owner);
      throw error;
    }
    return undefined;
  });
}

/**
 * Runs the operation under its key and stores its answer there, unless the operation did. A
 * failure of the operation goes to `failed`, whose answer (or error) is the request's.
 */
async function runWithKey<Failed>(
  db: Database,
  fence: KeyFence,
  successStatus: number,
  run: (scope: IdempotencyScope) => Promise<StoredResponse>,
  scope: Pick<IdempotencyScope, 'attach' | 'recoveredResourceId'>,
  failed: (error: unknown) => Promise<Failed>,
): Promise<(StoredResponse & { replayed: boolean }) | Failed> {
  let storedBody: string | undefined;
  let response: StoredResponse;
  try {
    response = await run({
      ...scope,
      fence,
      answer: {
        fence,
        status: successStatus,
        stored: (body) => {
          storedBody = body;
        },
      },
    });
  } catch (error) {
    return failed(error);
  }
  const body = JSON.stringify(response.body);
  // Stored already by the operation's own statement, when it is this very answer.
  if (storedBody !== body || response.status !== successStatus) {
    // Fenced: if another request took the key over meanwhile, its answer is the one stored.
    const answer = { status: response.status, body };
    const completed = await completeKey(db, fence, fence.owner, answer);
    // An operation meant to take its key that succeeded without: its answer is kept all the
    // same, so a retry replays it rather than running again.
    if (!completed && fence.take) await insertAnsweredKey(db, fence.take, answer);
  }
  return { ...response, replayed: false };
}

type Acquired =
  | { kind: 'run'; resourceId: string | undefined }
  | { kind: 'replay'; response: StoredResponse };

/** The stored answer under a finished key. */
function replayOf(row: KeyRow): Acquired {
  return {
    kind: 'replay',
    response: { status: row.response_status ?? 200, body: JSON.parse(row.response_body ?? 'null') },
  };
}

async function acquire(db: Database, key: NewKey): Promise<Acquired> {
  const { hash, claimant, lockSeconds } = key;
  const ref: KeyRef = key;
  for (let round = 0; round < 3; round++) {
    if (await insertKey(db, key)) {
      return { kind: 'run', resourceId: undefined };
    }
    const row = await readKey(db, ref);
    if (!row) continue; // deleted meanwhile: try to insert again
    if (row.expired) {
      await deleteExpiredKey(db, ref);
      continue;
    }
    if (row.request_hash !== hash) {
      throw new DomainError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used with a different request body (or for another resource). Use a new key for a new request.',
        'Idempotency-Key',
      );
    }
    if (row.state === 'done') return replayOf(row);
    if (row.locked) {
      // A concurrent duplicate (usually a client's own retry): wait for the first to finish and
      // answer what it answered, rather than make the caller back off and ask again.
      const settled = await waitForCompletion(db, ref, hash);
      if (settled) return settled;
      throw inUse();
    }
    // The holder died mid-request: take the key over.
    const taken = await takeOverKey(db, ref, claimant, lockSeconds);
    if (taken === undefined) throw inUse();
    return { kind: 'run', resourceId: taken ?? undefined };
  }
  throw inUse();
}

/** How long a duplicate waits for the in-flight original before answering 409. */
const waitForOriginalMs = 10_000;

async function waitForCompletion(
  db: Database,
  ref: KeyRef,
  hash: string,
): Promise<Acquired | undefined> {
  const deadline = Date.now() + waitForOriginalMs;
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const row = await readKey(db, ref);
    // Gone (the original failed and freed it) or abandoned: let the caller retry from the top.
    if (!row || row.request_hash !== hash || !row.locked) return undefined;
    if (row.state === 'done') return replayOf(row);
  }
  return undefined;
}

/** The error when a request lost its key to another (it outlived its lock). */
export const keyLost = () => inUse();

const inUse = () =>
  new DomainError(
    'IDEMPOTENCY_KEY_IN_USE',
    'A request with this Idempotency-Key is still being processed. Retry shortly to get its result.',
    'Idempotency-Key',
  );
