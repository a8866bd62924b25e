import { WebhookOptionsError } from '../errors/options-error.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../idempotency/store.js';
import { describeValue } from '../internal/describe-value.js';

/** Duplicate protection, shared by the webhook handler and the Daraja callback guard. */
export interface DeduplicationOptions {
  /**
   * Where handled deliveries are remembered; `false` turns de-duplication off. Pass a shared
   * store (`@malipo/webhooks/stores/postgres`, `…/stores/redis`) when several processes
   * receive the same sender's deliveries.
   * @default an in-memory store (one process)
   */
  store?: IdempotencyStore | false | undefined;
  /**
   * How long a handled delivery is remembered, in ms.
   * @default 86_400_000 (24 h)
   */
  dedupeTtlMs?: number | undefined;
  /**
   * How long one attempt may hold a delivery before a concurrent redelivery may take over, in
   * ms. Keep it above your slowest handler.
   * @default 60_000
   */
  lockMs?: number | undefined;
}

/** The shared options after defaults. */
export interface ResolvedDeduplication {
  store: IdempotencyStore | undefined;
  dedupeTtlMs: number;
  lockMs: number;
  maxBodyBytes: number;
}

/**
 * Throws {@link WebhookOptionsError} unless `value` is a function, or absent (`undefined` or
 * `null`, as before these checks) when optional.
 */
export function checkFunction(value: unknown, field: string, optional = false) {
  if (typeof value === 'function' || (optional && value == null)) return;
  throw new WebhookOptionsError(field, `expected a function, got ${describeValue(value)}.`);
}

function positive(value: unknown, field: string, fallback: number, finite: boolean): number {
  if (value == null) return fallback;
  if (typeof value === 'number' && value > 0 && (!finite || Number.isFinite(value))) return value;
  // NaN is what Number(process.env.X) gives for an unset variable.
  const hint = Number.isNaN(value) ? ' Is its environment variable set?' : '';
  throw new WebhookOptionsError(
    field,
    `expected a positive${finite ? ' finite' : ''} number, got ${describeValue(value)}.${hint}`,
  );
}

/**
 * Applies the defaults of the options both cores share and refuses unusable values when the
 * handler is built: a `NaN` limit would accept any body, a `NaN` lock would let every
 * redelivery run again.
 */
export function resolveDeduplication(
  options: DeduplicationOptions & { maxBodyBytes?: number | undefined },
  defaults: { maxBodyBytes: number; now?: (() => number) | undefined },
): ResolvedDeduplication {
  const { store } = options;
  if (
    store != null &&
    store !== false &&
    !(
      typeof store?.begin === 'function' &&
      typeof store.complete === 'function' &&
      typeof store.release === 'function'
    )
  ) {
    throw new WebhookOptionsError(
      'store',
      `expected an IdempotencyStore (an object with begin, complete and release methods) or false, got ${describeValue(store)}.`,
    );
  }
  return {
    store:
      store === false ? undefined : (store ?? createMemoryIdempotencyStore({ now: defaults.now })),
    dedupeTtlMs: positive(options.dedupeTtlMs, 'dedupeTtlMs', 86_400_000, true),
    lockMs: positive(options.lockMs, 'lockMs', 60_000, true),
    maxBodyBytes: positive(options.maxBodyBytes, 'maxBodyBytes', defaults.maxBodyBytes, false),
  };
}
