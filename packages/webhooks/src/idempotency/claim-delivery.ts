import type { IdempotencyStore } from './store.js';

/** What a store says about a delivery: handled or being handled elsewhere, or ours to run once. */
export type DeliveryClaim =
  | { state: 'done' }
  | { state: 'in_progress' }
  | {
      state: 'new';
      /**
       * Runs `work` under the claim: marks the delivery done when it succeeds, releases the
       * claim (for a redelivery to retry) when it throws, and returns or rethrows its result.
       */
      run<T>(work: () => T | PromiseLike<T>): Promise<T>;
    };

/** Timings of a claim, in ms. */
export interface ClaimTimings {
  /** How long this attempt holds the delivery before another may take over. */
  lockMs: number;
  /** How long a handled delivery is remembered. */
  dedupeTtlMs: number;
}

/** Keys up to this long are stored as they are; longer ones by their start and a digest. */
const maxKeyLength = 200;

/**
 * The key a store holds for a delivery: short, whatever the sender's id. A signed id of 60 KB
 * was otherwise kept whole, by every store, for as long as deliveries are remembered.
 */
async function storedKey(key: string): Promise<string> {
  if (key.length <= maxKeyLength) return key;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return `${key.slice(0, 64)}…sha256:${hex.join('')}`;
}

/**
 * Claims `key` in `store` for one attempt: the claim → run → complete/release sequence both
 * the webhook handler and the Daraja guard follow. No store means every delivery is new.
 */
export async function claimDelivery(
  store: IdempotencyStore | undefined,
  deliveryKey: string,
  timings: ClaimTimings,
): Promise<DeliveryClaim> {
  const key = store ? await storedKey(deliveryKey) : deliveryKey;
  const owner = crypto.randomUUID();
  const state = store ? await store.begin(key, timings.lockMs, owner) : 'new';
  if (state !== 'new') return { state };
  return {
    state,
    async run<T>(work: () => T | PromiseLike<T>): Promise<T> {
      let result: T;
      try {
        result = await work();
      } catch (error) {
        await store?.release(key, owner);
        throw error;
      }
      // A store that fails here leaves the claim to expire after lockMs rather than freeing it
      // at once: the work did happen, so an immediate redelivery would only repeat it.
      await store?.complete(key, timings.dedupeTtlMs, owner);
      return result;
    },
  };
}
