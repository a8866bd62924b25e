import { Malipo } from '@malipo/client';
import type { GatewayEvent } from '@malipo/contract';
import { MalipoCliError } from '../errors/cli-error.js';
import { type SentEvent, sendEvent } from '../send/send-event.js';
import type { SigningScheme } from '../send/sign-headers.js';
import { paymentEvent, payoutEvent } from './events-from-objects.js';

/** Options of {@link listen}. */
export interface ListenOptions {
  /** The gateway's base URL, e.g. `http://127.0.0.1:8000`. */
  gateway: string;
  apiKey: string;
  apiSecret: string;
  /** Where to forward each event, e.g. `http://localhost:3000/webhooks`. */
  forwardTo: string;
  /** The secret to sign forwarded events with (`whsec_…`); your receiver verifies with it. */
  secret: string;
  /** @default 'gateway' */
  scheme?: SigningScheme | undefined;
  /** Time between polls. @default 1000 */
  intervalMs?: number | undefined;
  /** Stops listening (Ctrl-C in the CLI). */
  signal?: AbortSignal | undefined;
  /** Called after each forwarded event, with the receiver's answer or why it was not reached. */
  onForward?: ((event: GatewayEvent, result: SentEvent | MalipoCliError) => void) | undefined;
  /** Called once the starting state is read: events from here on are forwarded. */
  onReady?: (() => void) | undefined;
  /** Called for an object in the gateway's answer that makes no event, with why. */
  onSkip?: ((id: string, reason: string) => void) | undefined;
}

/** How many of the newest payments and payouts each poll reads. */
const pageSize = 100;

/**
 * Forwards the gateway's events from now on to a local URL until `signal` aborts. The gateway
 * API has no event feed and its delivery logs carry no bodies, so each poll lists the newest
 * payments and payouts through `@malipo/client` and forwards the event of every one whose state
 * changed since the last poll, rebuilt as the gateway builds it and signed with `secret`.
 */
export async function listen(options: ListenOptions): Promise<void> {
  const client = new Malipo({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    baseUrl: options.gateway,
  });
  const seen = new Map<string, string>();
  // Every call ends with Ctrl-C: a gateway that never answers must not hold the process.
  const calls = { signal: options.signal };
  const poll = async (): Promise<GatewayEvent[]> => {
    const [payments, payouts] = await Promise.all([
      client.payments.list({ limit: pageSize }, calls),
      client.payouts.list({ limit: pageSize }, calls),
    ]);
    const changed: GatewayEvent[] = [];
    const note = (
      item: unknown,
      idKey: string,
      event: (item: never) => GatewayEvent | undefined,
    ) => {
      const { [idKey]: id, status } = (item ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof status !== 'string') {
        options.onSkip?.(
          String(id ?? '(no id)').slice(0, 64),
          `an object without ${idKey} and status`,
        );
        return;
      }
      if (seen.get(id) === status) return;
      seen.set(id, status);
      try {
        const built = event(item as never);
        if (built) changed.push(built);
      } catch (error) {
        // One malformed object must not stop the events of the others.
        options.onSkip?.(id.slice(0, 64), (error as Error).message.replace(/^@malipo\/\w+: /, ''));
      }
    };
    for (const payment of listOf(payments, 'payments')) note(payment, 'payment_id', paymentEvent);
    for (const payout of listOf(payouts, 'payouts')) note(payout, 'payout_id', payoutEvent);
    // Oldest change first, as the gateway would have sent them.
    return changed.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  };

  try {
    // What exists before `listen` starts is history, not news.
    await poll();
    options.onReady?.();
    while (!options.signal?.aborted) {
      await sleep(options.intervalMs ?? 1000, options.signal);
      if (options.signal?.aborted) break;
      await forward(await poll(), options);
    }
  } catch (error) {
    // Ctrl-C during a poll: a stop, not a failure.
    if (options.signal?.aborted) return;
    throw error;
  }
}

/** A list answer's items; an answer without a `data` list is the gateway's fault, said in one line. */
function listOf(page: { data?: unknown }, what: string): unknown[] {
  if (Array.isArray(page.data)) return page.data;
  throw new MalipoCliError(
    'send_failed',
    `the gateway's list of ${what} has no \`data\` list; is --gateway the Malipo gateway?`,
  );
}

/** Sends each event to `forwardTo`, reporting each answer (or why it was not reached). */
async function forward(events: GatewayEvent[], options: ListenOptions): Promise<void> {
  for (const event of events) {
    let result: SentEvent | MalipoCliError;
    try {
      result = await sendEvent(options.forwardTo, event, options);
    } catch (error) {
      if (!(error instanceof MalipoCliError)) throw error;
      // A receiver that is down (restarting, say) must not stop the listener.
      result = error;
    }
    options.onForward?.(event, result);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
