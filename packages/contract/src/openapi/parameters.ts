import type { RouteSpec } from '../routes.js';
import { type JsonObject, jsonSchema } from './json-schema.js';

const pathParams: Record<string, [description: string, example: string]> = {
  payment_id: ["The payment's id (`pay_…`).", 'pay_3k9x2m7q1w8e5r4t6y0u'],
  refund_id: ["The refund's id (`re_…`).", 're_4m8q2w6e0r3t7y1u5i9o'],
  payout_id: ["The payout's id (`po_…`).", 'po_5n9r3v7z1d4h8l2p6t0x'],
  session_id: ["The checkout session's id (`cs_…`).", 'cs_6p0t4x8b2f5j9n3r7v1z'],
  endpoint_id: ["The webhook endpoint's id (`we_…`).", 'we_8r2v6z0d3h7l1p5t9x4b'],
  webhook_id: ["The webhook delivery's id (`wh_…`).", 'wh_9s3w7a1e4i8m2q6u0y5c'],
};

/**
 * Shared parameters. The credentials are also header parameters (besides the two security
 * schemes) because importers such as Postman's keep only one API-key scheme per request.
 */
export const parameterComponents = {
  ApiKey: {
    name: 'X-API-Key',
    in: 'header',
    // Not required here (the security requirement makes the pair mandatory): typed clients such
    // as openapi-fetch then take the credentials once, in the client's default headers.
    required: false,
    description: 'Your API key. Sent together with X-API-Secret.',
    schema: { type: 'string', maxLength: 200 },
    example: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  },
  ApiSecret: {
    name: 'X-API-Secret',
    in: 'header',
    required: false,
    description: 'Your API secret. Sent together with X-API-Key.',
    schema: { type: 'string', maxLength: 200 },
    example: 'secret_9fJ2kL7mN4pQ8rS1tU6vW3xY',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: for 24 h the same key with the same body replays the first answer (status included, with `Idempotent-Replayed: true`); the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; a request while the first is still running is 409 IDEMPOTENCY_KEY_IN_USE. 1 to 255 printable ASCII characters; a UUID is a good choice.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    example: 'order-1042-attempt-1',
  },
};

const componentRef = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** The parameters of one operation. */
export function operationParameters(route: RouteSpec): JsonObject[] {
  const parameters: JsonObject[] = route.authenticated
    ? [componentRef('ApiKey'), componentRef('ApiSecret')]
    : [];
  for (const name of route.params ?? []) {
    const [description, example] = pathParams[name] ?? [name, name];
    parameters.push({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
      example,
    });
  }
  if (route.query) {
    const query = jsonSchema(route.query, 'input') as {
      properties?: Record<string, JsonObject>;
      required?: string[];
    };
    for (const [name, { description, examples, ...schema }] of Object.entries(
      query.properties ?? {},
    )) {
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        description,
        schema,
        example: (examples as unknown[] | undefined)?.[0],
      });
    }
  }
  if (route.idempotent) parameters.push(componentRef('IdempotencyKey'));
  return parameters;
}
