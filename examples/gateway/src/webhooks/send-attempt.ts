import { isIP } from 'node:net';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { standardWebhooks, webhookSignatureHmac } from '@malipo/webhooks';
import { type Agent, fetch } from 'undici';
import type { DeliveryToAttempt } from '../stores/events-store.js';
import { DestinationRefusedError, isPublicAddress } from './destination.js';

/** What one HTTP attempt at a delivery came to, before it is logged. */
export interface SentAttempt {
  statusCode: number | null;
  /** The first bytes of the answer, for the log. */
  excerpt: string | null;
  /** Why it failed; null when the receiver answered 2xx. */
  error: string | null;
  /** Refused for good (a private destination): never retried. */
  permanent: boolean;
  durationMs: number;
}

const excerptLimit = 1024;

/**
 * One signed POST of a delivery's exact stored bytes: Standard Webhooks headers and the
 * hosted-gateway integration guide's `X-Webhook-Signature`. Redirects are not followed (a
 * redirect could point anywhere). Never throws: every failure is an outcome to log.
 */
export async function sendAttempt(
  delivery: DeliveryToAttempt,
  options: { agent: Agent; timeoutMs: number; allowPrivate: boolean },
): Promise<SentAttempt> {
  const started = performance.now();
  let statusCode: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  let permanent = false;
  try {
    const host = new URL(delivery.url).hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivate && isIP(host) && !isPublicAddress(host)) {
      throw new DestinationRefusedError(
        `${host} is a private, loopback or link-local address; refused (ALLOW_PRIVATE_WEBHOOK_URLS=true allows it for local development).`,
      );
    }
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Malipo-Webhooks/1.0',
      // During a rotation's overlap every secret in it signs (Standard Webhooks carries several
      // signatures); the single-signature header keeps the oldest until its overlap ends.
      ...(await standardWebhooks.sign(delivery.body, {
        secret: [...new Set(delivery.signing_secrets)],
        id: delivery.event_id,
        timestamp,
      })),
      ...(await webhookSignatureHmac.sign(delivery.body, { secret: delivery.legacy_secret })),
    };
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers,
      body: delivery.body,
      redirect: 'manual',
      dispatcher: options.agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    statusCode = response.status;
    excerpt = await readExcerpt(response.body, excerptLimit);
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
  } catch (caught) {
    const cause = (caught as { cause?: unknown }).cause;
    const refused =
      caught instanceof DestinationRefusedError || cause instanceof DestinationRefusedError;
    permanent = refused;
    error = refused
      ? ((cause as Error | undefined)?.message ?? (caught as Error).message)
      : describe(caught);
  }
  return {
    statusCode,
    excerpt,
    error,
    permanent,
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The first `limit` bytes of a receiver's answer, for the attempt log. Reads no further and
 * cancels the rest: a receiver cannot make the worker buffer an endless body. Never throws.
 */
async function readExcerpt(
  body: WebReadableStream<Uint8Array> | null,
  limit: number,
): Promise<string | null> {
  if (!body) return null;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } catch {
    // The status line is the receiver's answer: a body that stalls or breaks after it (the
    // attempt's timeout ends the read) leaves the excerpt short, and a 2xx still counts.
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(Math.min(length, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
    if (offset >= bytes.length) break;
  }
  // A cut multi-byte character decodes as U+FFFD, which is fine for a log excerpt.
  return new TextDecoder().decode(bytes);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
