import {
  isMalipoApiError,
  isMalipoConnectionError,
  isMalipoTimeoutError,
  Malipo,
} from '@malipo/client';
import type { GatewayEvent } from '@malipo/contract';
import { MalipoCliError } from '../errors/cli-error.js';
import { type SentEvent, sendEvent } from '../send/send-event.js';
import type { SigningScheme } from '../send/sign-headers.js';
import { paymentEvent, payoutEvent } from './events-from-objects.js';
import { createForwardQueue } from './forward-queue.js';

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
  /**
   * Time between polls. Each poll is two requests under your API key, which count towards the
   * gateway's per-key rate limit (100 a minute by default). @default 2000
   */
  intervalMs?: number | undefined;
  /** Stops listening (Ctrl-C in the CLI). */
  signal?: AbortSignal | undefined;
  /**
   * Called after each try of an event, with the receiver's answer or why it was not reached.
   * `retryInMs` is set when it was not a 2xx and the event is tried again then; `givenUp` when
   * the receiver answered it with something else than a 2xx too often (`maxRefusals`), or too
   * many events wait (`maxWaiting`).
   */
  onForward?:
    | ((
        event: GatewayEvent,
        result: SentEvent | MalipoCliError,
        attempt: { number: number; retryInMs: number | undefined; givenUp?: boolean },
      ) => void)
    | undefined;
  /**
   * Called when the gateway cannot be polled (down, restarting, overloaded), once per outage:
   * polling goes on every `retryInMs`, and what changed meanwhile is forwarded once it answers.
   */
  onGatewayDown?: ((error: Error, retryInMs: number) => void) | undefined;
  /** Called when the gateway answers again after {@link ListenOptions.onGatewayDown}. */
  onGatewayBack?: (() => void) | undefined;
  /** Called once the starting state is read: events from here on are forwarded. */
  onReady?: (() => void) | undefined;
  /** Called for an object in the gateway's answer that makes no event, with why. */
  onSkip?: ((id: string, reason: string) => void) | undefined;
}

/** How many of the newest payments and payouts each poll reads. */
const pageSize = 100;

/** A poll that fails for now (no answer, a timeout, 429, a 5xx): tried again, never fatal. */
const passing = (error: unknown) =>
  isMalipoConnectionError(error) ||
  isMalipoTimeoutError(error) ||
  (isMalipoApiError(error) && (error.status === 429 || error.status >= 500));

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
  const queue = createForwardQueue();
  const intervalMs = options.intervalMs ?? 2000;
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
      event: (item: never, before: string | undefined) => GatewayEvent | undefined,
    ) => {
      const { [idKey]: id, status } = (item ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || typeof status !== 'string') {
        options.onSkip?.(
          String(id ?? '(no id)').slice(0, 64),
          `an object without ${idKey} and status`,
        );
        return;
      }
      const before = seen.get(id);
      if (before === status) return;
      seen.set(id, status);
      try {
        const built = event(item as never, before);
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
    let waitMs = intervalMs;
    let nextPollAt = Date.now() + waitMs;
    let down = false;
    while (!options.signal?.aborted) {
      // Up at the next poll, or sooner when an event is due to be tried again.
      await sleep(Math.min(nextPollAt, queue.nextDueAt()) - Date.now(), options.signal);
      if (options.signal?.aborted) break;
      if (Date.now() >= nextPollAt) {
        try {
          for (const dropped of queue.add(await poll())) {
            options.onForward?.(
              dropped,
              new MalipoCliError(
                'send_failed',
                'too many events wait for your server: the oldest is given up.',
              ),
              { number: 0, retryInMs: undefined, givenUp: true },
            );
          }
          if (down) options.onGatewayBack?.();
          down = false;
          waitMs = intervalMs;
        } catch (error) {
          if (options.signal?.aborted || !passing(error)) throw error;
          // Polled again, slower each time up to 30 s (or the interval, when longer); `seen` is
          // kept, so whatever changed during the outage is forwarded once the gateway answers.
          waitMs = Math.min(Math.max(waitMs * 2, intervalMs), Math.max(30_000, intervalMs));
          if (!down) options.onGatewayDown?.(error as Error, waitMs);
          down = true;
        }
        nextPollAt = Date.now() + waitMs;
      }
      await forward(queue, options);
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

type ForwardQueue = ReturnType<typeof createForwardQueue>;

/**
 * Sends each due event to `forwardTo`, oldest first, reporting each answer (or why it was not
 * reached). A 2xx takes an event off the queue; when the receiver cannot be reached every
 * waiting event is held off with it (they would fail the same way), keeping their order.
 */
async function forward(queue: ForwardQueue, options: ListenOptions): Promise<void> {
  for (const entry of queue.due(Date.now())) {
    if (options.signal?.aborted) return;
    let result: SentEvent | MalipoCliError;
    try {
      result = await sendEvent(options.forwardTo, entry.event, options);
    } catch (error) {
      if (!(error instanceof MalipoCliError)) throw error;
      // Ctrl-C during a send: a stop, not a failed try.
      if (options.signal?.aborted) return;
      // A receiver that is down (restarting, say) must not stop the listener.
      result = error;
    }
    const unreachable = result instanceof MalipoCliError;
    const delivered = !(result instanceof MalipoCliError) && result.ok;
    if (delivered) queue.remove(entry);
    const retryInMs = delivered ? undefined : queue.failed(entry, Date.now(), !unreachable);
    options.onForward?.(entry.event, result, {
      number: entry.attempts + (delivered ? 1 : 0),
      retryInMs,
      ...(!delivered && retryInMs === undefined ? { givenUp: true } : {}),
    });
    if (unreachable && retryInMs !== undefined) {
      queue.holdUntil(Date.now() + retryInMs);
      return;
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
