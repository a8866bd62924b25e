import { randomBytes } from 'node:crypto';
import { createWebhookEndpointRequest, listWebhookDeliveriesQuery } from '@malipo/contract';
import { Hono } from 'hono';
import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { readJsonBody, validate } from '../http/json-body.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import { decodeCursor, toPage } from '../pagination/cursor.js';
import { iso } from '../payments/payment-row.js';
import { checkWebhookUrl } from './destination.js';

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  url: string;
  status: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
  position: string;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  response_excerpt: string | null;
  duration_ms: number;
  error: string | null;
  attempted_at: Date | string;
}

const selectDeliveries = `select d.id, d.event_id, e.type, d.url, d.status, d.attempts, d.next_attempt_at,
  d.created_at, d.updated_at, to_char(d.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position
  from webhook_deliveries d join events e on e.id = d.event_id`;

/** Delivery logs (seed 002), manual retry, and endpoint registration (seed 003). */
export function webhookRoutes(db: Database, jobs: Jobs, config: GatewayConfig) {
  const app = new Hono<AppEnv>();

  const withAttempts = async (rows: DeliveryRow[]) => {
    const attempts = rows.length
      ? await db.query<AttemptRow>(
          'select * from webhook_attempts where delivery_id = any($1) order by attempt',
          [rows.map((row) => row.id)],
        )
      : [];
    return rows.map((row) => ({
      webhook_id: row.id,
      event_id: row.event_id,
      event: row.type,
      url: row.url,
      status: row.status,
      attempts: row.attempts,
      next_attempt_at: row.next_attempt_at ? iso(row.next_attempt_at) : null,
      last_attempts: attempts
        .filter((attempt) => attempt.delivery_id === row.id)
        .slice(-5)
        .map((attempt) => ({
          attempt: attempt.attempt,
          status_code: attempt.status_code,
          response_excerpt: attempt.response_excerpt,
          duration_ms: attempt.duration_ms,
          error: attempt.error,
          attempted_at: iso(attempt.attempted_at),
        })),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
    }));
  };

  app.get('/api/v1/webhooks', async (c) => {
    const query = validate(listWebhookDeliveriesQuery, c.req.query());
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const rows = await db.query<DeliveryRow>(
      `${selectDeliveries}
       where d.merchant_id = $1 and ($2::text is null or d.status = $2) and ($3::text is null or d.event_id = $3)
         and ($4::timestamptz is null or (d.created_at, d.id) < ($4, $5))
       order by d.created_at desc, d.id desc limit $6`,
      [
        c.get('merchant').merchantId,
        query.status ?? null,
        query.event_id ?? null,
        after?.createdAt ?? null,
        after?.id ?? '',
        limit + 1,
      ],
    );
    const page = toPage(rows, limit, (list) => list);
    return c.json({ ...page, data: await withAttempts(page.data) });
  });

  app.post('/api/v1/webhooks/:id/retry', async (c) => {
    const id = c.req.param('id');
    if (!/^wh_[a-z0-9]{20}$/.test(id))
      throw new ApiError('NOT_FOUND', `No webhook delivery ${id.slice(0, 64)}.`, 'webhook_id');
    // A FAILED delivery becomes PENDING again with a fresh attempt queued now; DELIVERED ones may
    // be re-sent too (a receiver that lost one). A PENDING one already has an attempt coming.
    const retried = await db.transaction(async (tx) => {
      const rows = await tx.query<DeliveryRow>(
        `update webhook_deliveries set status = 'PENDING', next_attempt_at = now(), updated_at = now()
         where id = $1 and merchant_id = $2 and status in ('FAILED', 'DELIVERED') returning id`,
        [id, c.get('merchant').merchantId],
      );
      if (rows.length > 0) await jobs.send(queues.delivery, { deliveryId: id }, { tx });
      return rows.length > 0;
    });
    const rows = await db.query<DeliveryRow>(
      `${selectDeliveries} where d.id = $1 and d.merchant_id = $2`,
      [id, c.get('merchant').merchantId],
    );
    const row = rows[0];
    if (!row)
      throw new ApiError('NOT_FOUND', `No webhook delivery ${id.slice(0, 64)}.`, 'webhook_id');
    if (!retried) {
      throw new ApiError(
        'INVALID_STATE',
        'This delivery is still pending: its next attempt is already scheduled.',
        'webhook_id',
      );
    }
    const [delivery] = await withAttempts([row]);
    return c.json({ success: true, ...delivery });
  });

  app.post('/api/v1/webhook-endpoints', async (c) => {
    const body = await readJsonBody(c, createWebhookEndpointRequest, config.bodyLimitBytes);
    await checkWebhookUrl(body.value.url, config.allowPrivateWebhookUrls, 'url');
    const id = newId('we');
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const events = body.value.events ?? ['*'];
    const rows = await db.query<{ created_at: Date | string }>(
      `insert into webhook_endpoints (id, merchant_id, url, description, enabled_events, secret)
       values ($1, $2, $3, $4, $5, $6) returning created_at`,
      [
        id,
        c.get('merchant').merchantId,
        body.value.url,
        body.value.description ?? null,
        events,
        secret,
      ],
    );
    return c.json(
      {
        success: true,
        endpoint_id: id,
        url: body.value.url,
        events,
        description: body.value.description ?? null,
        enabled: true,
        created_at: iso((rows[0] as { created_at: Date }).created_at),
        secret,
      },
      201,
    );
  });

  app.get('/api/v1/webhook-endpoints', async (c) => {
    const rows = await db.query<{
      id: string;
      url: string;
      enabled_events: string[];
      description: string | null;
      enabled: boolean;
      created_at: Date;
    }>(
      'select * from webhook_endpoints where merchant_id = $1 and enabled order by created_at desc, id desc limit 100',
      [c.get('merchant').merchantId],
    );
    return c.json({
      success: true,
      data: rows.map((row) => ({
        endpoint_id: row.id,
        url: row.url,
        events: row.enabled_events,
        description: row.description,
        enabled: row.enabled,
        created_at: iso(row.created_at),
      })),
      has_more: false,
      next_cursor: null,
    });
  });

  app.delete('/api/v1/webhook-endpoints/:id', async (c) => {
    const rows = await db.query(
      'update webhook_endpoints set enabled = false where id = $1 and merchant_id = $2 and enabled returning id',
      [c.req.param('id'), c.get('merchant').merchantId],
    );
    if (rows.length === 0)
      throw new ApiError(
        'NOT_FOUND',
        `No webhook endpoint ${c.req.param('id').slice(0, 64)}.`,
        'endpoint_id',
      );
    return c.json({ success: true, deleted: true, endpoint_id: c.req.param('id') });
  });

  return app;
}
