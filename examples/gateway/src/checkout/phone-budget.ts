import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors/domain-error.js';

/** Takes one hosted-page payment request to `phone`, or refuses with `RATE_LIMITED`. */
export type PhoneBudget = (phone: string) => Promise<void>;

/**
 * How many payment prompts the hosted pages may send one phone: `perTenMinutes` across every
 * session (rate-limiter-flexible, in memory per process). A page anyone can open must not become
 * a way to flood a stranger's phone with M-Pesa prompts, or to spend a merchant's Daraja budget.
 */
export function createPhoneBudget(perTenMinutes = 5): PhoneBudget {
  const limiter = new RateLimiterMemory({ points: perTenMinutes, duration: 600 });
  return async (phone) => {
    try {
      await limiter.consume(phone);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
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
