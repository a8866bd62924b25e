import { isIP } from 'node:net';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { standardWebhooks, webhookSignatureHmac } from '@malipo/webhooks';
import { fetch } from 'undici';
import type { Database } from '../db/database.js';
import { storableText } from '../http/storable-json.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import { createDeliveryAgent, DestinationRefusedError, isPublicAddress } from './destination.js';

export interface DeliveryOptions {
  /** Seconds before attempt n+1 (index n); its length is the number of attempts. */
  retryIntervals: readonly number[];
  timeoutMs: number;
  allowPrivate: boolean;
}

interface DeliveryRow {
  id: string;
  url: string;
  status: string;
  attempts: number;
  event_id: string;
  body: string;
  webhook_secret: string;
  created_at: Date | string;
}

const excerptLimit = 1024;

/**
 * Makes one delivery attempt and records it. Signed twice over the exact stored bytes: Standard
 * Webhooks headers and seed 000's `X-Webhook-Signature`. Redirects are not followed (a redirect
 * could point anywhere). A failure schedules the next attempt in the same transaction that logs
 * this one; after the last, the delivery is FAILED (a manual retry can revive it).
 */
export function createDeliverer(db: Database, jobs: Jobs, options: DeliveryOptions) {
  const agent = createDeliveryAgent(options.allowPrivate);
  return async function deliver(deliveryId: string): Promise<string> {
    const rows = await db.query<DeliveryRow>(
      `select d.id, d.url, d.status, d.attempts, d.event_id, e.body, e.created_at,
              coalesce(w.secret, m.webhook_secret) as webhook_secret
       from webhook_deliveries d join events e on e.id = d.event_id join merchants m on m.id = d.merchant_id
       left join webhook_endpoints w on w.id = d.endpoint_id
       where d.id = $1`,
      [deliveryId],
    );
    const delivery = rows[0];
    if (delivery?.status !== 'PENDING') return 'nothing to do';
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
        ...(await standardWebhooks.sign(delivery.body, {
          secret: delivery.webhook_secret,
          id: delivery.event_id,
          timestamp,
        })),
        ...(await webhookSignatureHmac.sign(delivery.body, { secret: delivery.webhook_secret })),
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
      await tx.query(
        `insert into webhook_attempts (delivery_id, attempt, status_code, response_excerpt, duration_ms, error)
         values ($1, $2, $3, $4, $5, $6) on conflict (delivery_id, attempt) do nothing`,
        [
          deliveryId,
          attempt,
          statusCode,
          excerpt === null ? null : storableText(excerpt),
          duration,
          error === null ? null : storableText(error),
        ],
      );
      const updated = await tx.query(
        `update webhook_deliveries set attempts = $2, status = $3,
           next_attempt_at = case when $4::int is null then null else now() + make_interval(secs => $4::int) end,
           updated_at = now()
         where id = $1 and attempts = $5 and status = 'PENDING' returning id`,
        [
          deliveryId,
          attempt,
          delivered ? 'DELIVERED' : next === undefined ? 'FAILED' : 'PENDING',
          next ?? null,
          delivery.attempts,
        ],
      );
      if (updated.length > 0 && next !== undefined) {
        await jobs.send(queues.delivery, { deliveryId }, { tx, startAfterSeconds: next });
      }
    });
    return delivered ? 'delivered' : `attempt ${attempt} failed: ${error}`;
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
