import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error.js';
import type { Mode } from '../stores/rows.js';

/**
 * Takes one hosted-page payment request to `phone` in `mode`, or refuses with `RATE_LIMITED`;
 * resolves to a function that gives it back (for a request that then prompted nobody).
 */
export type PhoneBudget = (phone: string, mode: Mode) => Promise<() => Promise<void>>;

/**
 * How many payment prompts the hosted pages may send one phone: `perTenMinutes` across every
 * session of a mode (rate-limiter-flexible, in memory per process). A page anyone can open must
 * not become a way to flood a stranger's phone with M-Pesa prompts, or to spend a merchant's
 * Daraja budget. Test and live count apart: test sessions (anyone with a test key can make them)
 * must never use up a real phone's live prompts.
 */
export function createPhoneBudget(perTenMinutes = 5): PhoneBudget {
  const limiter = new RateLimiterMemory({ points: perTenMinutes, duration: 600 });
  return async (phone, mode) => {
    const key = `${mode}:${phone}`;
    try {
      await limiter.consume(key);
      return async () => {
        await limiter.reward(key);
      };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // A refused request still counts in the limiter: undone, or every refused tap would be
      // one more prompt the phone has to wait out before a given-back one frees a place.
      await limiter.reward(key);
      const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
      throw new DomainError(
        'RATE_LIMITED',
        `Too many payment requests to this phone: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        'phone_number',
        Math.ceil(error.msBeforeNext / 1000),
      );
    }
  };
}
