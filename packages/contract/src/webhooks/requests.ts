import * as z from 'zod/mini';
import { doc } from '../common/doc.js';
import { httpUrl, listQuery } from '../common/primitives.js';
import { gatewayEventTypes } from '../events/event-types.js';

export const endpointUrl = 'https://shop.example.com/webhooks/malipo';

export const deliveryStatuses = ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;

/** Body of `POST /api/v1/webhook-endpoints`: API-based endpoint registration. */
export const createWebhookEndpointRequest = z.strictObject({
  url: doc(httpUrl, 'Where to send events (HTTPS in production).', endpointUrl),
  /** Event types to send; all when absent. */
  events: z.optional(
    doc(
      z
        .array(
          z.enum(gatewayEventTypes, {
            error: `events must be gateway event types (${gatewayEventTypes.join(', ')}).`,
          }),
        )
        .check(z.minLength(1)),
      'Event types to send; every type (also ones added later) when absent.',
      ['payment.completed', 'payment.failed'],
    ),
  ),
  description: z.optional(
    doc(z.string().check(z.maxLength(255)), 'For your records.', 'Order fulfilment'),
  ),
});

export type CreateWebhookEndpointRequest = z.input<typeof createWebhookEndpointRequest>;

/** Query of `GET /api/v1/webhook-endpoints`. */
export const listWebhookEndpointsQuery = z.strictObject({ ...listQuery });

export type ListWebhookEndpointsQuery = z.input<typeof listWebhookEndpointsQuery>;

export const listWebhookDeliveriesQuery = z.strictObject({
  ...listQuery,
  status: z.optional(doc(z.enum(deliveryStatuses), 'Only deliveries in this state.', 'FAILED')),
  event_id: z.optional(
    doc(z.string(), 'Only deliveries of this event.', 'evt_1a5e9i3m7q0u4y8c2g6k'),
  ),
});

export type ListWebhookDeliveriesQuery = z.input<typeof listWebhookDeliveriesQuery>;
