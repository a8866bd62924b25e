import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import { DomainError } from '../errors/domain-error.js';
import type { Mode } from '../stores/rows.js';

export type ProviderName = 'MPESA_SAFARICOM' | 'BUNI';

/** A provider whose circuit is open: skipped without a request until its half-open probe. */
export class ProviderSkippedError extends Error {
  override readonly name = 'ProviderSkippedError';
}

export type CircuitHealth = 'closed' | 'open' | 'half-open';

const stateName: Record<CircuitState, CircuitHealth> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * One circuit breaker per provider and mode (cockatiel: maintained, typed). After `failures`
 * consecutive "down" answers (the provider unreachable, or a 5xx before it acted) the circuit
 * opens and the provider is skipped without a request; after `halfOpenSeconds` one request
 * probes it, and its success closes the circuit. Answers that are not "down" (a refusal, a
 * decline) neither open nor count. In memory, per process.
 */
export function createProviderBreakers(options: { failures: number; halfOpenSeconds: number }) {
  const policies = new Map<string, CircuitBreakerPolicy>();
  const policy = (provider: ProviderName, mode: Mode, isDown: (error: unknown) => boolean) => {
    const key = `${provider}:${mode}`;
    let found = policies.get(key);
    if (!found) {
      found = circuitBreaker(handleWhen(isDown), {
        halfOpenAfter: options.halfOpenSeconds * 1000,
        breaker: new ConsecutiveBreaker(options.failures),
      });
      policies.set(key, found);
    }
    return found;
  };
  return {
    /** Runs `work` through the provider's circuit; `ProviderSkippedError` when it is open. */
    async run<T>(
      provider: ProviderName,
      mode: Mode,
      isDown: (error: unknown) => boolean,
      work: () => Promise<T>,
    ): Promise<T> {
      try {
        return await policy(provider, mode, isDown).execute(work);
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          throw new ProviderSkippedError(
            `${provider} is down (its circuit is open after repeated failures); it is tried again in at most ${options.halfOpenSeconds} s.`,
          );
        }
        throw error;
      }
    },
    /** A 503 naming the provider when its circuit is open (a half-open one lets a probe by). */
    refuseIfOpen(provider: ProviderName, mode: Mode): void {
      const found = policies.get(`${provider}:${mode}`);
      if (found?.state === CircuitState.Open || found?.state === CircuitState.Isolated) {
        throw new DomainError(
          'SERVICE_UNAVAILABLE',
          `${provider} is down (its circuit is open after repeated failures): retry in at most ${options.halfOpenSeconds} s, or list another provider in providers.`,
          'provider',
          options.halfOpenSeconds,
        );
      }
    },
    /** Each provider's circuit in each mode it was used in. */
    health(): Record<string, CircuitHealth> {
      return Object.fromEntries([...policies].map(([key, p]) => [key, stateName[p.state]]));
    },
  };
}

export type ProviderBreakers = ReturnType<typeof createProviderBreakers>;

/** Socket errors that mean the connection never opened: nothing was sent. */
const neverConnected = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** True when an error's cause chain says the connection never opened. */
export function connectionNeverOpened(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && neverConnected.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
