import { isIP } from 'node:net';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { standardWebhooks, webhookSignatureHmac } from '@malipo/webhooks';
import { fetch } from 'undici';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import {
  advanceDelivery,
  cancelPendingDeliveries,
  findDeliveryToAttempt,
  insertAttempt,
} from '../stores/events-store.js';
import { storableText } from '../stores/storable.js';
import { createDeliveryAgent, DestinationRefusedError, isPublicAddress } from './destination.js';

export interface DeliveryOptions {
  /** Seconds before attempt n+1 (index n); its length is the number of attempts. */
  retryIntervals: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: 'delivered'; attempt: number }
  | { kind: 'failed'; attempt: number; error: string; retryInSeconds: number | undefined }
  /** Not PENDING (delivered, failed for good, or unknown): nothing was sent. */
  | { kind: 'nothing_to_do' }
  /** Its endpoint was deleted meanwhile: nothing was sent, and it ends CANCELLED. */
  | { kind: 'cancelled'; reason: string };

const excerptLimit = 1024;

/**
 * Makes one delivery attempt and records it. Signed twice over the exact stored bytes: Standard
 * Webhooks headers and the hosted-gateway integration guide's `X-Webhook-Signature`. Redirects are not followed (a redirect
 * could point anywhere). A failure schedules the next attempt in the same transaction that logs
 * this one; after the last, the delivery is FAILED (a manual retry can revive it).
 */
export function createDeliverer(db: Database, jobs: Jobs, options: DeliveryOptions) {
  const agent = createDeliveryAgent(options.allowPrivate);
  return async function deliver(deliveryId: string): Promise<AttemptOutcome> {
    const delivery = await findDeliveryToAttempt(db, deliveryId);
    if (delivery?.status !== 'PENDING') return { kind: 'nothing_to_do' };
    if (delivery.endpoint_enabled === false) {
      const reason = 'endpoint deleted before delivery';
      await db.transaction((tx) => cancelPendingDeliveries(tx, { deliveryId }, reason));
      return { kind: 'cancelled', reason };
    }
    const attempt = delivery.attempts + 1;
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
        // During a rotation's overlap both secrets sign (Standard Webhooks carries several
        // signatures); the single-signature header keeps the previous one until the overlap ends.
        ...(await standardWebhooks.sign(delivery.body, {
          secret: delivery.previous_secret
            ? [delivery.webhook_secret, delivery.previous_secret]
            : delivery.webhook_secret,
          id: delivery.event_id,
          timestamp,
        })),
        ...(await webhookSignatureHmac.sign(delivery.body, {
          secret: delivery.previous_secret ?? delivery.webhook_secret,
        })),
      };
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        dispatcher: agent,
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
    const duration = Math.round(performance.now() - started);
    const delivered = error === null;
    const next = delivered || permanent ? undefined : options.retryIntervals[attempt];
    await db.transaction(async (tx) => {
      await insertAttempt(tx, {
        deliveryId,
        attempt,
        statusCode,
        excerpt: excerpt === null ? null : storableText(excerpt),
        durationMs: duration,
        error: error === null ? null : storableText(error),
      });
      const advanced = await advanceDelivery(tx, {
        id: deliveryId,
        fromAttempts: delivery.attempts,
        attempts: attempt,
        status: delivered ? 'DELIVERED' : next === undefined ? 'FAILED' : 'PENDING',
        nextInSeconds: next,
      });
      if (advanced && next !== undefined) {
        await jobs.send(
          queues.delivery,
          { deliveryId, merchantId: delivery.merchant_id, mode: delivery.mode },
          { tx, startAfterSeconds: next },
        );
      }
    });
    return error === null
      ? { kind: 'delivered', attempt }
      : { kind: 'failed', attempt, error, retryInSeconds: next };
  };
}

/**
 * The first `limit` bytes of a receiver's answer, for the attempt log. Reads no further and
 * cancels the rest: a receiver cannot make the worker buffer an endless body.
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
