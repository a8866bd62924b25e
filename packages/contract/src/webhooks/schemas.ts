import * as z from 'zod/mini';
import { doc, sometimes } from '../common/doc.js';
import { openEnum } from '../common/lenient.js';
import { isoDate, livemode } from '../common/response-fields.js';
import { deliveryStatuses, endpointUrl } from './requests.js';

const endpointId = doc(z.string(), "The endpoint's id.", 'we_8r2v6z0d3h7l1p5t9x4b');
const webhookId = doc(z.string(), "The delivery's id.", 'wh_9s3w7a1e4i8m2q6u0y5c');
const eventId = doc(
  z.string(),
  "The event's id; the same across retries.",
  'evt_1a5e9i3m7q0u4y8c2g6k',
);

const endpointFields = {
  endpoint_id: endpointId,
  livemode,
  url: doc(z.string(), 'Where events are sent.', endpointUrl),
  events: doc(
    z.array(z.string()),
    'Event types sent to it; `*` means every type, also ones added later.',
    ['payment.completed', 'payment.failed'],
  ),
  description: z.optional(
    doc(z.nullable(z.string()), 'For your records; null when not given.', 'Order fulfilment'),
  ),
  enabled: doc(z.boolean(), 'False once deleted.', true),
  created_at: isoDate('When the endpoint was registered.'),
};

export const webhookEndpoint = z.looseObject(endpointFields);

export type WebhookEndpoint = z.output<typeof webhookEndpoint>;

/** Creation is the only time the signing secret (`whsec_…`) is shown. */
export const webhookEndpointCreated = z.looseObject({
  success: doc(z.literal(true), 'Always true on success.', true),
  ...endpointFields,
  secret: doc(
    z.string(),
    'Signing secret for this endpoint, shown only now: verify the webhook-signature header with it.',
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  ),
});

const listOf = <T extends z.ZodMiniType>(item: T) =>
  z.looseObject({
    success: doc(z.literal(true), 'Always true on success.', true),
    data: doc(z.array(item), 'This page, newest first.', []),
    has_more: doc(z.boolean(), 'True when another page follows.', false),
    next_cursor: doc(z.nullable(z.string()), 'Cursor of the next page; null on the last.', null),
  });

export const webhookEndpointList = listOf(webhookEndpoint);

/** `DELETE /api/v1/webhook-endpoints/:id`. */
export const webhookEndpointDeleted = z.looseObject({
  success: doc(z.literal(true), 'Always true on success.', true),
  deleted: doc(z.literal(true), 'Always true: the endpoint gets no more events.', true),
  endpoint_id: endpointId,
});

/** One attempt to deliver an event. */
export const deliveryAttempt = z.looseObject({
  attempt: doc(z.int(), 'Attempt number, from 1.', 1),
  status_code: doc(z.nullable(z.int()), "The receiver's HTTP status; null when none came.", 200),
  /** First 1 KB of the receiver's answer. */
  response_excerpt: doc(z.nullable(z.string()), "First 1 KB of the receiver's answer.", 'OK'),
  duration_ms: doc(z.int(), 'How long the attempt took, in milliseconds.', 84),
  error: doc(z.nullable(z.string()), 'Why the attempt failed; null on success.', null),
  attempted_at: isoDate('When the attempt was made.'),
});

/** A webhook delivery and its attempts (`GET /api/v1/webhooks`). */
export const webhookDelivery = z.looseObject({
  success: sometimes(
    z.optional(doc(z.literal(true), 'True when the delivery is the whole answer.', true)),
  ),
  webhook_id: webhookId,
  livemode,
  event_id: eventId,
  event: doc(z.string(), 'The event type.', 'payment.completed'),
  url: doc(z.string(), 'Where the event is sent.', endpointUrl),
  status: doc(
    openEnum(deliveryStatuses),
    'PENDING while attempts remain, DELIVERED after a 2xx, FAILED after the last attempt, CANCELLED when its endpoint was deleted first.',
    'DELIVERED',
  ),
  cancelled_reason: doc(
    z.nullable(z.string()),
    'Why the delivery was cancelled (CANCELLED only); null otherwise.',
    null,
  ),
  attempts: doc(z.int(), 'Attempts made so far.', 1),
  next_attempt_at: doc(
    z.nullable(z.string().check(z.meta({ format: 'date-time' }))),
    'When the next attempt is due; null when none is.',
    null,
  ),
  last_attempts: z.optional(
    doc(z.array(deliveryAttempt), 'The last five attempts, oldest first.', []),
  ),
  created_at: isoDate('When the delivery was queued.'),
  updated_at: isoDate('When the delivery last changed.'),
});

export type WebhookDelivery = z.output<typeof webhookDelivery>;

export const webhookDeliveryList = listOf(webhookDelivery);

export const webhookDeliveryResponse = z.looseObject({
  ...webhookDelivery.def.shape,
  success: z.literal(true),
});
