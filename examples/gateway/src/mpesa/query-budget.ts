import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';

/** Waits for a slot of the STK query budget; rejects when its caller gives up or it is full. */
export type QuerySlot = (signal?: AbortSignal) => Promise<void>;

/** The query budget is full: try later (never a payment failure). */
export class QueryBudgetFullError extends Error {
  override readonly name = 'QueryBudgetFullError';
}

/**
 * Daraja budgets STK query on its own (the sandbox is reported to allow 5 a minute, burst 1), so
 * early polls, reconciliation and manual queries wait their turn in one FIFO queue
 * (rate-limiter-flexible's RateLimiterQueue) instead of being throttled by Daraja and retried
 * blindly. `undefined`: no query budget beyond the mode's overall one.
 */
export function createQueryBudget(perMinute: number | undefined): QuerySlot {
  if (perMinute === undefined) return async () => {};
  const queue = new RateLimiterQueue(new RateLimiterMemory({ points: perMinute, duration: 60 }), {
    maxQueueSize: 1_000,
  });
  return async (signal) => {
    signal?.throwIfAborted();
    const slot = queue.removeTokens(1).catch((error: unknown) => {
      throw new QueryBudgetFullError(
        `too many STK queries waiting (${error instanceof Error ? error.message : String(error)})`,
      );
    });
    if (!signal) {
      await slot;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      slot.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };
}
