import { isDarajaApiError, isDarajaNetworkError } from '../errors/api-errors.js';
import type { StkQueryResult } from './query.js';

/** Options of `pollStkResult`. */
export interface PollStkOptions {
  /**
   * How many queries to make at most.
   * @default 2
   */
  attempts?: number | undefined;
  /**
   * Wait before each query, in milliseconds (the customer needs a few seconds to answer).
   * @default 3000
   */
  intervalMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // The listener goes when the wait ends, so a long-lived signal does not collect them.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The inline safety polling of the Daraja integration guide: a few STK queries a few seconds
 * apart right after the push, to settle early successes and cancellations before the callback
 * arrives. Returns the first settled result, or the last `pending` one. Transient query failures
 * count as pending.
 */
export async function pollStkResult(
  query: (signal: AbortSignal | undefined) => Promise<StkQueryResult>,
  checkoutRequestId: string,
  options: PollStkOptions = {},
): Promise<StkQueryResult> {
  const attempts = Math.max(1, Math.floor(finiteOr(options.attempts, 2)));
  const intervalMs = Math.max(0, finiteOr(options.intervalMs, 3_000));
  let last: StkQueryResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await sleep(intervalMs, options.signal);
    try {
      last = await query(options.signal);
      if (last.status !== 'pending') return last;
    } catch (error) {
      const transient =
        isDarajaNetworkError(error) || (isDarajaApiError(error) && error.isTransient);
      // Only a transient failure may hide behind an earlier pending answer; an abort, bad
      // credentials or a bug is the caller's to see.
      if (!transient) throw error;
      if (attempt === attempts) {
        if (last) return last;
        throw error;
      }
    }
  }
  return (
    last ?? {
      status: 'pending',
      checkoutRequestId,
      merchantRequestId: undefined,
      code: '4999',
      description: 'No answer yet.',
      category: 'pending',
      customerMessage: 'Waiting for you to complete the payment on your phone.',
      raw: undefined,
    }
  );
}

const finiteOr = (value: number | undefined, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
