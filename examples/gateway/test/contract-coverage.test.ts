import { buildOpenApiDocument, type RouteName, type RouteSpec, routes } from '@malipo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './support/harness.js';

/**
 * Every operation of the contract, at its path and at every alias, reaches a handler on a running
 * gateway: none answers the router's 404 or 501 NOT_IMPLEMENTED.
 */
describe('every contract route is served', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(() => gw?.close());

  const sample: Record<string, string> = {
    payment_id: 'pay_00000000000000000000',
    refund_id: 're_00000000000000000000',
    payout_id: 'po_00000000000000000000',
    session_id: 'cs_00000000000000000000',
    endpoint_id: 'we_00000000000000000000',
    webhook_id: 'wh_00000000000000000000',
  };
  // A valid request for each operation: the document's first request example (or `{}`), so a
  // route is reached past validation.
  const document = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content: Record<string, { examples?: object }> } }>
    >;
  };
  const exampleBody = (path: string, method: string) => {
    const examples = document.paths[path]?.[method.toLowerCase()]?.requestBody?.content[
      'application/json'
    ]?.examples as Record<string, { value: unknown }> | undefined;
    return JSON.stringify(Object.values(examples ?? {})[0]?.value ?? {});
  };
  const cases = (Object.entries(routes) as [RouteName, RouteSpec][]).flatMap(([name, route]) =>
    [route.path, ...(route.aliases ?? [])].map((path) => ({ name, route, path })),
  );

  it.each(cases)('$route.method $path ($name)', async ({ name, route, path }) => {
    const url = path.replace(/\{(\w+)\}/g, (_, param: string) => sample[param] ?? 'x');
    const answer = await fetch(`${gw.url}${url}`, {
      method: route.method,
      headers: {
        'x-api-key': gw.apiKey,
        'x-api-secret': gw.apiSecret,
        ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(route.method === 'GET' ? {} : { body: exampleBody(path, route.method) }),
    });
    const body = (await answer.json()) as { error?: { code: string; message: string } };
    expect(body.error?.message ?? '').not.toMatch(/^No route/);
    expect(answer.status, `${name}: ${JSON.stringify(body)}`).not.toBe(501);
  });
});
