import type { GatewayEventType } from '../events/event-types.js';
import { eventFamilies } from '../events/gateway-events.js';
import type { JsonObject } from './json-schema.js';

const signatureHeaders = [
  {
    name: 'webhook-id',
    description: 'Standard Webhooks: the event id, the same on every retry. De-duplicate on it.',
    example: 'evt_1a5e9i3m7q0u4y8c2g6k',
  },
  {
    name: 'webhook-timestamp',
    description:
      'Standard Webhooks: Unix seconds of this attempt. Refuse ones far from your clock.',
    example: '1770434130',
    pattern: '^[0-9]+$',
  },
  {
    name: 'webhook-signature',
    description:
      'Standard Webhooks: `v1,` and base64(HMAC-SHA256(secret, `{webhook-id}.{webhook-timestamp}.{raw body}`)), the secret being the bytes after `whsec_` (base64-decoded); several signatures are separated by spaces.',
    example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    pattern: '^v1a?,[A-Za-z0-9+/=]+( v1a?,[A-Za-z0-9+/=]+)*$',
  },
  {
    name: 'X-Webhook-Signature',
    description:
      "hex(HMAC-SHA256(secret, raw body)) with the whole `whsec_…` string as the key: the hosted-gateway integration guide's scheme, so its verifier works unchanged. It signs no timestamp: prefer webhook-signature.",
    example: '5f2b8e1c9a7d3f6b0e4c8a2d6f1b9e3c7a5d0f8b2e6c4a1d9f7b3e5c0a8d2f6b',
    pattern: '^[0-9a-f]{64}$',
  },
].map(({ name, description, example, pattern }) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  example,
}));

const schemaOf = {
  payment: 'PaymentEvent',
  refund: 'RefundEvent',
  payout: 'PayoutEvent',
  checkout: 'CheckoutSessionEvent',
};

/** An example body for one event type, from its family's example. */
function eventExample(example: JsonObject, type: string): JsonObject {
  const outcome = type.split('.').at(-1)?.toUpperCase() ?? '';
  const status = outcome === 'CAPTURED' ? 'COMPLETED' : outcome;
  const settledOk = status === 'COMPLETED' || status === 'PROCESSED';
  const body: JsonObject = { ...example, event: type, status };
  if (type.startsWith('payment.') && !settledOk) {
    Object.assign(body, { receipt: null, failure_code: status === 'PENDING' ? null : '1032' });
    body.failure_message = status === 'PENDING' ? null : 'Request cancelled by user';
  }
  return body;
}

const camel = (type: string) =>
  type.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The OpenAPI `webhooks` section: one signed POST per event type the gateway sends. */
export function webhooks(examples: Record<keyof typeof eventFamilies, JsonObject>): JsonObject {
  const entries: [string, JsonObject][] = [];
  for (const [family, types] of Object.entries(eventFamilies) as [
    keyof typeof eventFamilies,
    GatewayEventType[],
  ][]) {
    for (const type of types) {
      const status = type.split('.').at(-1)?.toUpperCase();
      entries.push([
        type,
        {
          post: {
            operationId: `${camel(type)}Webhook`,
            tags: ['Webhooks'],
            summary: `${type} event`,
            description: `Sent to your endpoints when ${family === 'checkout' ? 'a checkout session' : `a ${family}`} becomes ${status}. Verify the signature over the raw body before parsing it; answer 2xx quickly. A delivery is retried (at least once, possibly more) until a 2xx.`,
            security: [],
            parameters: signatureHeaders,
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: { $ref: `#/components/schemas/${schemaOf[family]}` },
                  example: eventExample(examples[family], type),
                },
              },
            },
            responses: {
              '200': { description: 'Received: any 2xx marks the delivery DELIVERED.' },
              '400': {
                description:
                  'Refused, e.g. a signature that does not verify: any non-2xx answer is a failed attempt and is retried.',
              },
            },
          },
        },
      ]);
    }
  }
  return Object.fromEntries(entries);
}
