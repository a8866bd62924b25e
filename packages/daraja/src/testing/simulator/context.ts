import type { Ledger } from './ledger.js';
import type { SimulatedOutcome } from './outcomes.js';

/** One delivery attempt of a callback or result. */
export interface CallbackDelivery {
  at: number;
  status?: number;
  error?: string;
}

/** The answer to a POST the simulator made, read far enough for C2B validation. */
export interface PostAnswer {
  status: number;
  body: unknown;
}

/** What the endpoint modules share with the simulator core. */
export interface SimulatorContext {
  now(): number;
  callbackDelayMs: number;
  maxTransactions: number;
  shortcode: string;
  b2cShortcode: string;
  initiator: { name: string; securityCredential: string } | undefined;
  allowCallbackUrl: ((url: string) => boolean) | undefined;
  outcomeFor(phone: string): SimulatedOutcome;
  ledger: Ledger;
  /** True when the request carries a live bearer token. */
  bearerOk(request: Request): boolean;
  readJson(request: Request): Promise<Record<string, unknown> | undefined>;
  /** POSTs JSON (never following redirects), logging the attempt; resolves once answered. */
  post(
    url: string,
    body: unknown,
    log: CallbackDelivery[],
    kind: 'result' | 'c2b',
  ): Promise<PostAnswer | undefined>;
  /** Runs `job` after `delayMs`, or at `flush()`; `close()` cancels it. */
  schedule(id: string, delayMs: number, job: () => Promise<void>): void;
  /** True while a job with this id waits. */
  scheduled(id: string): boolean;
}
