import * as z from 'zod/mini';
import { errorCodes, errorEnvelope } from '../common/errors.js';
import { type RouteSpec, routes } from '../routes.js';

type JsonObject = Record<string, unknown>;

const schema = (s: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
};

function queryParameters(route: RouteSpec): JsonObject[] {
  if (!route.query) return [];
  const json = schema(route.query, 'input') as {
    properties?: Record<string, JsonObject>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

function operation(name: string, route: RouteSpec): JsonObject {
  const parameters: JsonObject[] = [
    ...(route.params ?? []).map((param) => ({
      name: param,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParameters(route),
  ];
  if (route.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Replays the first answer for 24 h; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, one still in flight is 409 IDEMPOTENCY_KEY_IN_USE.',
      schema: { type: 'string', maxLength: 255 },
    });
  }
  const responses: JsonObject = {
    [String(route.status)]:
      route.status === 204
        ? { description: 'No content' }
        : {
            description: 'Success',
            content: { 'application/json': { schema: schema(route.response, 'output') } },
          },
  };
  for (const status of new Set(Object.values(errorCodes))) {
    responses[String(status)] = { $ref: '#/components/responses/Error' };
  }
  return {
    operationId: name,
    summary: route.summary,
    ...(route.authenticated ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schema(route.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** The gateway API as an OpenAPI 3.1 document, generated from the route table. */
export function buildOpenApiDocument(version = '0.1.0'): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteSpec][]) {
    for (const [index, path] of [route.path, ...(route.aliases ?? [])].entries()) {
      paths[path] ??= {};
      const op = operation(index === 0 ? name : `${name}Seed000`, route);
      if (index > 0) op.description = `Seed 000 alias of \`${route.method} ${route.path}\`.`;
      paths[path][route.method.toLowerCase()] = op;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Malipo gateway API',
      version,
      description:
        'Payments (M-Pesa and cards), refunds, payouts, checkout sessions and signed webhooks. Money is integer cents.',
    },
    servers: [
      { url: 'http://localhost:4000', description: 'Reference gateway on its embedded default' },
    ],
    security: [{ apiKey: [], apiSecret: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        apiSecret: { type: 'apiKey', in: 'header', name: 'X-API-Secret' },
      },
      responses: {
        Error: {
          description: `Error envelope. Codes and statuses: ${Object.entries(errorCodes)
            .map(([c, s]) => `${c} (${s})`)
            .join(', ')}.`,
          content: { 'application/json': { schema: schema(errorEnvelope, 'output') } },
        },
      },
    },
  };
}
