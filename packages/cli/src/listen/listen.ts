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
  const poll = async (): Promise<GatewayEvent[]> => {
    const [payments, payouts] = await Promise.all([
      client.payments.list({ limit: pageSize }),
      client.payouts.list({ limit: pageSize }),
    ]);
    const changed: GatewayEvent[] = [];
    const note = (id: string, status: string, event: () => GatewayEvent | undefined) => {
      if (seen.get(id) === status) return;
      seen.set(id, status);
      const built = event();
      if (built) changed.push(built);
    };
    for (const payment of payments.data) {
      note(payment.payment_id, payment.status, () => paymentEvent(payment));
    }
    for (const payout of payouts.data) {
      note(payout.payout_id, payout.status, () => payoutEvent(payout));
    }
    // Oldest change first, as the gateway would have sent them.
    return changed.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  };

  // What exists before `listen` starts is history, not news.
  await poll();
  options.onReady?.();
  while (!options.signal?.aborted) {
    await sleep(options.intervalMs ?? 1000, options.signal);
    if (options.signal?.aborted) break;
    for (const event of await poll()) {
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
