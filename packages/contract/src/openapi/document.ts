import { type RouteName, type RouteSpec, routes } from '../routes.js';
import { schemaComponents } from './components.js';
import { errorResponseComponents } from './error-responses.js';
import { headerComponents } from './headers.js';
import type { JsonObject } from './json-schema.js';
import { operation } from './operations.js';
import { parameterComponents } from './parameters.js';
import { requestExamples } from './request-examples.js';
import { webhooks } from './webhooks.js';

const tags = [
  ['Payments', 'Take payments (M-Pesa STK push, cards), follow them, query and capture them.'],
  ['Refunds', 'Give money back on a completed payment, in full or in part.'],
  ['Payouts', 'Send money to a phone over M-Pesa (B2C).'],
  ['Balance', 'What you can pay out, and the M-Pesa account balance.'],
  ['Checkout', 'Hosted checkout pages for one payment.'],
  ['Webhooks', 'Endpoints that receive events, the delivery log, and the events themselves.'],
  ['System', 'Health and test-mode queue statistics.'],
].map(([name, description]) => ({ name, description }));

/** An example object made of its properties' first examples. */
const exampleOf = (schema: JsonObject): JsonObject =>
  Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, { examples?: unknown[] }>)
      .filter(([name]) => (schema.required as string[] | undefined)?.includes(name))
      .map(([name, property]) => [name, property.examples?.[0]]),
  );

/** The gateway API as an OpenAPI 3.1 document, generated from the route table. */
export function buildOpenApiDocument(version = '0.1.0'): JsonObject {
  const { schemas, refTo } = schemaComponents();
  const paths: Record<string, JsonObject> = {};
  const errorStatuses: number[] = [];
  for (const [name, route] of Object.entries(routes) as [RouteName, RouteSpec][]) {
    errorStatuses.push(...route.errors);
    const examples = requestExamples[name];
    const method = route.method.toLowerCase();
    paths[route.path] = {
      ...paths[route.path],
      [method]: operation({ name, route, refTo, examples }),
    };
    for (const alias of route.aliases ?? []) {
      paths[alias] = {
        ...paths[alias],
        [method]: operation({ name, route, refTo, examples, alias }),
      };
    }
  }
  const eventExamples = {
    payment: exampleOf(schemas.PaymentEvent as JsonObject),
    refund: exampleOf(schemas.RefundEvent as JsonObject),
    payout: exampleOf(schemas.PayoutEvent as JsonObject),
    checkout: exampleOf(schemas.CheckoutSessionEvent as JsonObject),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Malipo gateway API',
      version,
      description:
        'Payments (M-Pesa and cards), refunds, payouts, checkout sessions and signed webhooks. Money is integer cents. Authenticate every `/api` request with both `X-API-Key` and `X-API-Secret`. The paths of the hosted-gateway integration guide (`/api/payments/*`, `/api/payouts/*`) still answer and are marked deprecated: each names its `/api/v1` twin.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: 'http://{host}:{port}',
        description:
          'A reference gateway (`pnpm start`): `host` and `port` are its HOST and PORT settings, 127.0.0.1 and 8000 by default.',
        variables: { host: { default: '127.0.0.1' }, port: { default: '8000' } },
      },
    ],
    security: [{ apiKey: [], apiSecret: [] }],
    tags,
    paths,
    webhooks: webhooks(eventExamples),
    components: {
      schemas,
      responses: errorResponseComponents(errorStatuses),
      parameters: parameterComponents,
      headers: headerComponents,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Your API key.' },
        apiSecret: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Secret',
          description: 'Your API secret; required together with X-API-Key.',
        },
      },
    },
  };
}
