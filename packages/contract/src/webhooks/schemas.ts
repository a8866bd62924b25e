import * as z from 'zod/mini';
import { openEnum } from '../common/lenient.js';
import { httpUrl, isoDate, listQuery } from '../common/primitives.js';
import { gatewayEventTypes } from '../events/gateway-events.js';

/** Body of `POST /api/v1/webhook-endpoints` (seed 003's API-based registration). */
export const createWebhookEndpointRequest = z.strictObject({
  url: httpUrl,
  /** Event types to send; all when absent. */
  events: z.optional(
    z
      .array(
        z.enum(gatewayEventTypes, {
          error: `events must be gateway event types (${gatewayEventTypes.join(', ')}).`,
        }),
      )
      .check(z.minLength(1)),
  ),
  description: z.optional(z.string().check(z.maxLength(255))),
});

export type CreateWebhookEndpointRequest = z.input<typeof createWebhookEndpointRequest>;

export const webhookEndpoint = z.looseObject({
  endpoint_id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.optional(z.nullable(z.string())),
  enabled: z.boolean(),
  created_at: isoDate,
});

export type WebhookEndpoint = z.output<typeof webhookEndpoint>;

/** Creation is the only time the signing secret (`whsec_…`) is shown. */
export const webhookEndpointCreated = z.looseObject({
  success: z.literal(true),
  ...webhookEndpoint.def.shape,
  secret: z.string(),
});

export const webhookEndpointList = z.looseObject({
  success: z.literal(true),
  data: z.array(webhookEndpoint),
  has_more: z.boolean(),
  next_cursor: z.nullable(z.string()),
});

/** `DELETE /api/v1/webhook-endpoints/:id`. */
export const webhookEndpointDeleted = z.looseObject({
  success: z.literal(true),
  deleted: z.literal(true),
  endpoint_id: z.string(),
});

export const deliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED'] as const;

/** One attempt to deliver an event. */
export const deliveryAttempt = z.looseObject({
  attempt: z.int(),
  status_code: z.nullable(z.int()),
  /** First 1 KB of the receiver's answer. */
  response_excerpt: z.nullable(z.string()),
  duration_ms: z.int(),
  error: z.nullable(z.string()),
  attempted_at: isoDate,
});

/** A webhook delivery and its attempts (`GET /api/v1/webhooks`). */
export const webhookDelivery = z.looseObject({
  webhook_id: z.string(),
  event_id: z.string(),
  event: z.string(),
  url: z.string(),
  status: openEnum(deliveryStatuses),
  attempts: z.int(),
  next_attempt_at: z.nullable(isoDate),
  last_attempts: z.optional(z.array(deliveryAttempt)),
  created_at: isoDate,
  updated_at: isoDate,
});

export type WebhookDelivery = z.output<typeof webhookDelivery>;

export const listWebhookDeliveriesQuery = z.strictObject({
  ...listQuery,
  status: z.optional(z.enum(deliveryStatuses)),
  event_id: z.optional(z.string()),
});

export type ListWebhookDeliveriesQuery = z.input<typeof listWebhookDeliveriesQuery>;

export const webhookDeliveryList = z.looseObject({
  success: z.literal(true),
  data: z.array(webhookDelivery),
  has_more: z.boolean(),
  next_cursor: z.nullable(z.string()),
});

export const webhookDeliveryResponse = z.looseObject({
  success: z.literal(true),
  ...webhookDelivery.def.shape,
});
