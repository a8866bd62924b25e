import { isHTTPError, type Options } from 'ky';
import type { ResolvedOptions } from '../options.js';
import { retryWaitMs } from './retry-timing.js';

/** What one call shares with the instance's retry policy, through ky's `context`. */
export interface CallState {
  /** `Date.now()` when the call was sent first. */
  started: number;
  /** Retries so far, ky's and the client's own (a body cut off or stalled). */
  retries: number;
}

const stateOf = (options: { context: Record<string, unknown> }) =>
  options.context.call as CallState;

/**
 * The retry policy, made once per client: ky's `retry` and the `beforeRetry` hook that counts
 * into the call's one budget. A `Retry-After` (or rate-limit reset) that would outlast the
 * call's deadline is not slept through: the 429 (or 503) is answered at once, with its
 * `retryAfter`.
 */
export function retryPolicy(options: ResolvedOptions): Pick<Options, 'retry' | 'hooks'> {
  return {
    retry: {
      limit: options.maxRetries,
      // POST is safe to retry here: every mutation carries an idempotency key.
      methods: ['get', 'post', 'delete'],
      statusCodes: [408, 409, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: 60_000,
      backoffLimit: 8_000,
      jitter: true,
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error)) return undefined;
        const { status } = error.response;
        if (status === 429 || status === 503) {
          const wait = retryWaitMs(error.response.headers);
          const elapsed = Date.now() - stateOf(error.options).started;
          if (wait !== undefined && elapsed + wait >= options.deadline) return false;
          return undefined;
        }
        if (status !== 409) return undefined;
        // 409 is retried only while the same key is still in flight; a state conflict is final.
        const code = (error.data as { error?: { code?: unknown } } | undefined)?.error?.code;
        return code === 'IDEMPOTENCY_KEY_IN_USE';
      },
    },
    hooks: {
      beforeRetry: [
        ({ options: sent }) => {
          stateOf(sent).retries += 1;
        },
      ],
    },
  };
}
