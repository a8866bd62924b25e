import type { RouteName, RouteSpec } from '../routes.js';
import { errorResponseName } from './error-responses.js';
import { responseHeaders } from './headers.js';
import type { JsonObject } from './json-schema.js';
import { operationParameters } from './parameters.js';
import { routeDescriptions, routeSummaries } from './route-docs.js';

interface OperationInput {
  name: RouteName;
  route: RouteSpec;
  refTo: (schema: NonNullable<RouteSpec['body']>) => JsonObject;
  examples: Record<string, unknown> | undefined;
  /** The hosted-gateway integration guide's path, when this is the alias of `route.path`. */
  alias?: string;
}

const successDescription = (status: number) => (status === 201 ? 'Created' : 'OK');

/** One OpenAPI operation of a route (or of one of its aliases). */
export function operation({ name, route, refTo, examples, alias }: OperationInput): JsonObject {
  const status = alias ? (route.aliasStatus ?? route.status) : route.status;
  const responses: JsonObject = {
    [String(status)]: {
      description: successDescription(status),
      headers: responseHeaders({ replayable: route.idempotent }),
      content: { 'application/json': { schema: refTo(route.response) } },
    },
  };
  if (route.unhealthyStatus) {
    responses[String(route.unhealthyStatus)] = {
      description: 'Degraded: the body says which part does not answer.',
      headers: responseHeaders(),
      content: { 'application/json': { schema: refTo(route.response) } },
    };
  }
  for (const error of route.errors) {
    responses[String(error)] = { $ref: `#/components/responses/${errorResponseName(error)}` };
  }
  const twin = `${route.method} ${route.path}`;
  const description = routeDescriptions[name];
  return {
    operationId: alias ? `${name}Legacy` : name,
    tags: [route.tag],
    summary: alias ? `${routeSummaries[name]} (integration-guide path)` : routeSummaries[name],
    description: alias
      ? `The hosted-gateway integration guide's path for \`${twin}\`, kept for existing integrations: it behaves the same${status === route.status ? '' : ` but answers ${status} instead of ${route.status}`}. Use \`${twin}\` in new code.\n\n${description}`
      : description,
    ...(alias ? { deprecated: true } : {}),
    ...(route.authenticated ? {} : { security: [] }),
    ...(operationParameters(route).length ? { parameters: operationParameters(route) } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: refTo(route.body), ...(examples ? { examples } : {}) },
            },
          },
        }
      : {}),
    responses,
  };
}
