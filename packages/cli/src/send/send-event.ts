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
  /** Cancels the send (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

/** What the receiver answered. */
export interface SentEvent {
  status: number;
  /** True for a 2xx answer. */
  ok: boolean;
  /** The first 200 characters of the answer (the rest is never read). */
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
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    // Redirects are not followed, as the gateway does not follow them.
    response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
  } catch (error) {
    if (options.signal?.aborted) {
      throw new MalipoCliError('send_failed', `sending to ${url} was stopped.`, { cause: error });
    }
    if (timeout.aborted) {
      // It may have the event already: it did not answer in time.
      throw new MalipoCliError(
        'send_failed',
        `${url} did not answer within ${timeoutMs / 1000} s (it may have received the event).`,
        { cause: error },
      );
    }
    // fetch puts the reason (ECONNREFUSED, a port fetch refuses) in `cause`.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new MalipoCliError(
      'send_failed',
      reason === 'bad port'
        ? `could not send to ${url}: fetch refuses that port (bad port); use another port.`
        : `could not reach ${url} (${reason}); is your server running on that port?`,
      { cause: error },
    );
  }
  let text: string;
  try {
    // The signal above covers the body too: a receiver that trickles it is cut off there.
    text = await excerptOf(response);
  } catch (error) {
    throw new MalipoCliError(
      'send_failed',
      `${url} answered ${response.status} but its body did not arrive whole (${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}).`,
      { cause: error },
    );
  }
  return { status: response.status, ok: response.ok, excerpt: text, body };
}

/** The first {@link excerptLength} characters of the answer; the rest is never read. */
async function excerptOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < excerptLength) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text.slice(0, excerptLength);
  } finally {
    await reader.cancel().catch(() => {});
  }
}
