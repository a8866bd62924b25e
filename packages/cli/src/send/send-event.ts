import type { GatewayEvent } from '@malipo/contract';
import { MalipoCliError } from '../errors/cli-error.js';
import { type SigningScheme, signDelivery } from './sign-headers.js';

/** Options of {@link sendEvent}. */
export interface SendEventOptions {
  /** The endpoint's secret (`whsec_…`). */
  secret: string;
  /** @default 'gateway' */
  scheme?: SigningScheme | undefined;
  /** @default 10_000 */
  timeoutMs?: number | undefined;
}

/** What the receiver answered. */
export interface SentEvent {
  status: number;
  /** True for a 2xx answer. */
  ok: boolean;
  /** The first 200 characters of the answer. */
  excerpt: string;
  /** The exact bytes sent. */
  body: string;
}

const excerptLength = 200;

/**
 * POSTs one signed event to `url`. A receiver that answers (any status) is a {@link SentEvent};
 * one that cannot be reached throws `MalipoCliError` (`send_failed`).
 */
export async function sendEvent(
  url: string,
  event: GatewayEvent,
  options: SendEventOptions,
): Promise<SentEvent> {
  const body = JSON.stringify(event);
  const headers = await signDelivery(body, {
    secret: options.secret,
    id: event.id,
    scheme: options.scheme,
  });
  let response: Response;
  try {
    // Redirects are not followed, as the gateway does not follow them.
    response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    // fetch puts the reason (ECONNREFUSED, a port fetch refuses, a timeout) in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new MalipoCliError(
      'send_failed',
      `could not reach ${url} (${reason}); is your server running on that port?`,
      { cause: error },
    );
  }
  let text: string;
  try {
    // The timeout above covers the body too: a receiver that trickles it is cut off there.
    text = await response.text();
  } catch (error) {
    throw new MalipoCliError(
      'send_failed',
      `${url} answered ${response.status} but its body did not arrive whole (${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}).`,
      { cause: error },
    );
  }
  return { status: response.status, ok: response.ok, excerpt: text.slice(0, excerptLength), body };
}
