import { describe, expect, it } from 'vitest';
import * as events from '../src/events.js';
import {
  gatewayEventTypes,
  InvalidEventError,
  isEventType,
  parseGatewayEvent,
  type RequestName,
  requestRoutes,
  routes,
} from '../src/index.js';
import { requestRoutes as fromSubpath } from '../src/requests.js';

describe('requestRoutes (@malipo/contract/requests)', () => {
  it('is the request side of every route: same names, methods, paths, parameters and schemas', () => {
    expect(Object.keys(requestRoutes)).toEqual(Object.keys(routes));
    for (const name of Object.keys(requestRoutes) as RequestName[]) {
      const { method, path, params, body, query, idempotent, authenticated } = routes[name] as {
        [key: string]: unknown;
      };
      const request = requestRoutes[name] as Record<string, unknown>;
      expect(request, name).toEqual(
        Object.fromEntries(
          Object.entries({ method, path, params, body, query, idempotent, authenticated }).filter(
            ([, value]) => value !== undefined,
          ),
        ),
      );
      // The same schema objects, not copies: the gateway and the client check with one schema.
      expect(request.body, name).toBe(body);
      expect(request.query, name).toBe(query);
    }
  });

  it('is what the subpath exports', () => {
    expect(fromSubpath).toBe(requestRoutes);
  });

  it('carries no response schema', () => {
    for (const spec of Object.values(requestRoutes)) expect(spec).not.toHaveProperty('response');
  });
});

describe('@malipo/contract/events', () => {
  it('exports the same event parsing as the main entry', () => {
    expect({ ...events }).toEqual({
      gatewayEventTypes,
      InvalidEventError,
      isEventType,
      parseGatewayEvent,
    });
    expect(events.parseGatewayEvent).toBe(parseGatewayEvent);
    expect(events.InvalidEventError).toBe(InvalidEventError);
  });
});
