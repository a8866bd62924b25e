import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error.js';
import type { Scope } from '../stores/rows.js';

/**
 * Takes one Daraja request from a merchant's share, or refuses with `RATE_LIMITED`. Answers how to
 * give it back, for a request that ends up never reaching Daraja (giving back twice gives once).
 */
export type MerchantBudget = (scope: Scope) => Promise<() => void>;

const nothingToGiveBack = () => {};

/**
 * Each merchant's share of a mode's Daraja budget: a per-merchant window in front of the shared
 * one (rate-limiter-flexible, in memory per process). A merchant past its share is refused at
 * once, instead of queueing calls that would hold every other merchant's pushes back.
 * `undefined`: no per-merchant limit.
 */
export function createMerchantBudget(perMinute: number | undefined): MerchantBudget {
  if (perMinute === undefined) return async () => nothingToGiveBack;
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return async (scope) => {
    const key = `${scope.merchantId}:${scope.mode}`;
    try {
      await limiter.consume(key);
      let given = false;
      return () => {
        if (given) return;
        given = true;
        // In memory: nothing to wait for, and nothing that can fail but a missing key.
        limiter.reward(key, 1).catch(() => {});
      };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new DomainError(
        'RATE_LIMITED',
        `Your share of M-Pesa requests (${perMinute} a minute) is used up: retry after ${retryAfter} s.`,
        undefined,
        retryAfter,
      );
    }
  };
}
