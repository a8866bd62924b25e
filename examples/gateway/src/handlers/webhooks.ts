import type { RouteHandlers } from '../http/route-types.js';
import { decodeCursor, toPage } from '../pagination/cursor.js';
import type { EndpointRow } from '../stores/endpoints-store.js';
import { iso } from '../stores/rows.js';
import {
  type DeliveryWithAttempts,
  listMerchantDeliveries,
  retryDelivery,
} from '../webhooks/deliveries.js';
import { createEndpoint, deleteEndpoint, listMerchantEndpoints } from '../webhooks/endpoints.js';
import type { HandlerDeps } from './deps.js';

const endpointView = (row: EndpointRow) => ({
  endpoint_id: row.id,
  livemode: row.mode === 'live',
  url: row.url,
  events: row.enabled_events,
  description: row.description,
  enabled: row.enabled,
  created_at: iso(row.created_at),
});

const deliveryView = ({ delivery, attempts }: DeliveryWithAttempts) => ({
  webhook_id: delivery.id,
  livemode: delivery.mode === 'live',
  event_id: delivery.event_id,
  event: delivery.type,
  url: delivery.url,
  status: delivery.status,
  cancelled_reason: delivery.cancelled_reason,
  attempts: delivery.attempts,
  next_attempt_at: delivery.next_attempt_at ? iso(delivery.next_attempt_at) : null,
  last_attempts: attempts.slice(-5).map((attempt) => ({
    attempt: attempt.attempt,
    status_code: attempt.status_code,
    response_excerpt: attempt.response_excerpt,
    duration_ms: attempt.duration_ms,
    error: attempt.error,
    attempted_at: iso(attempt.attempted_at),
  })),
  created_at: iso(delivery.created_at),
  updated_at: iso(delivery.updated_at),
});

/** Endpoint registration, delivery logs and manual retry. */
export function webhookHandlers(
  deps: HandlerDeps,
): Pick<
  RouteHandlers,
  | 'createWebhookEndpoint'
  | 'listWebhookEndpoints'
  | 'deleteWebhookEndpoint'
  | 'listWebhookDeliveries'
  | 'retryWebhookDelivery'
> {
  return {
    async createWebhookEndpoint({ merchant, body, idempotency }) {
      const created = await createEndpoint(deps.db, merchant, body, {
        allowPrivate: deps.config.allowPrivateWebhookUrls,
        maxEndpoints: deps.config.maxWebhookEndpoints,
        scope: idempotency,
      });
      return { body: { success: true, ...endpointView(created), secret: created.secret } };
    },

    async listWebhookEndpoints({ merchant, query }) {
      const limit = query.limit ?? 20;
      const rows = await listMerchantEndpoints(
        deps.db,
        merchant,
        decodeCursor(query.cursor),
        limit,
      );
      return { body: toPage(rows, limit, (page) => page.map(endpointView)) };
    },

    async deleteWebhookEndpoint({ merchant, params }) {
      await deleteEndpoint(deps.db, merchant, params.endpoint_id);
      return { body: { success: true, deleted: true, endpoint_id: params.endpoint_id } };
    },

    async listWebhookDeliveries({ merchant, query }) {
      const limit = query.limit ?? 20;
      const rows = await listMerchantDeliveries(
        deps.db,
        merchant,
        { status: query.status, eventId: query.event_id },
        decodeCursor(query.cursor),
        limit,
      );
      const page = toPage(
        rows.map((row) => ({ ...row, id: row.delivery.id, position: row.delivery.position })),
        limit,
        (list) => list.map(deliveryView),
      );
      return { body: page };
    },

    async retryWebhookDelivery({ merchant, params }) {
      const retried = await retryDelivery(deps.db, deps.jobs, merchant, params.webhook_id);
      return { body: { success: true, ...deliveryView(retried) } };
    },
  };
}
