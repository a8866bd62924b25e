import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '@malipo/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rendererBundlePath } from '../src/pages/reference/renderer-bundle.js';
import { launchChromium, seriousViolations } from './support/browser.js';
import { startTestGateway, type TestGateway } from './support/harness.js';

type Operation = { operationId?: string; summary?: string };

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('the public API reference: /, /openapi.json, /docs', () => {
  let gw: TestGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [gw, browser] = await Promise.all([startTestGateway('pglite'), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  /**
   * Records what a page does beyond the gateway: every request, console messages about the
   * Content-Security-Policy, `securitypolicyviolation` events (listened for by a script the
   * DevTools protocol injects, so the policy stays on) and uncaught errors.
   */
  async function watch(p: Page) {
    const seen = { requests: [] as string[], csp: [] as string[], errors: [] as string[] };
    p.on('request', (r) => seen.requests.push(r.url()));
    p.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) seen.csp.push(m.text());
    });
    p.on('pageerror', (e) => seen.errors.push(e.message));
    await p.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(
          `Content Security Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
        );
      });
    });
    return {
      ...seen,
      foreign: () => seen.requests.filter((url) => new URL(url).origin !== new URL(gw.url).origin),
    };
  }

  it('GET /openapi.json is the contract document with this gateway as its server', async () => {
    const response = await fetch(`${gw.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const document = (await response.json()) as ReturnType<typeof buildOpenApiDocument> & {
      servers: { url: string }[];
      paths: Record<string, Record<string, Operation>>;
    };
    expect(document.servers[0]?.url).toBe(gw.url);
    expect(document.servers).toHaveLength(1);
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations.find((o) => o.operationId === 'createPayment')?.summary).toBe(
      'Create a payment',
    );
    // Everything but the server is the contract's document, unchanged.
    expect({ ...document, servers: [] }).toEqual({ ...buildOpenApiDocument(), servers: [] });
  });

  it('GET /openapi.json is compressed for callers that accept it, and the same document', async () => {
    const plain = await (await fetch(`${gw.url}/openapi.json`)).text();
    for (const [accept, expected] of [
      ['br, gzip', 'br'],
      ['gzip, br;q=0', 'gzip'],
      ['identity', null],
    ] as const) {
      const response = await fetch(`${gw.url}/openapi.json`, {
        headers: { 'Accept-Encoding': accept },
      });
      expect(response.headers.get('content-encoding')).toBe(expected);
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(await response.text()).toBe(plain);
    }
  });

  it('GET / is a small landing page linking to the dashboard, the reference and health', async () => {
    const response = await fetch(gw.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await response.text();
    expect(body).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(body).toContain('<title>Malipo gateway</title>');
    expect(body).toContain('reference payment gateway');
    for (const href of ['/dashboard', '/docs', '/openapi.json', '/health']) {
      expect(body).toContain(`<a href="${href}">`);
    }
    const policy = directives(response.headers.get('content-security-policy'));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(policy.get('style-src')).toEqual([expect.stringMatching(/^'sha256-[\w+/]+=*'$/)]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('/dashboard/docs (the dashboard link) redirects to /docs', async () => {
    const response = await fetch(`${gw.url}/dashboard/docs`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/docs');
  });

  it('/docs loads the renderer from the gateway under an immutable hashed name, its init script allowed by hash', async () => {
    const response = await fetch(`${gw.url}/docs`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('<html lang="en">');
    const src = body.match(
      /<script src="(\/docs\/assets\/scalar-api-reference\.[0-9a-f]{16}\.js)">/,
    )?.[1];
    expect(src).toBeDefined();
    const inline = [...body.matchAll(/<script>([^<]*)<\/script>/g)].map((m) => m[1] ?? '');
    expect(inline).toHaveLength(1);
    expect(inline[0]).toContain('"withDefaultFonts":false');

    const policy = directives(response.headers.get('content-security-policy'));
    const hash = `'sha256-${createHash('sha256')
      .update(inline[0] ?? '')
      .digest('base64')}'`;
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'", hash]);
    expect(policy.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", new URL(gw.url).origin]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-eval');

    const asset = await fetch(`${gw.url}${src}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    const served = Buffer.from(await asset.arrayBuffer());
    expect(served.equals(readFileSync(rendererBundlePath()))).toBe(true);
    expect(src).toContain(createHash('sha256').update(served).digest('hex').slice(0, 16));

    const unknown = await fetch(`${gw.url}/docs/assets/scalar-api-reference.0000000000000000.js`);
    expect(unknown.status).toBe(404);
  });

  it('Chromium renders /docs from the gateway alone, with no CSP violation, and "Test request" calls the gateway', async () => {
    const seen = await watch(page);
    await page.goto(`${gw.url}/docs`);
    await page.getByRole('heading', { name: 'Create a payment' }).waitFor();
    expect(await page.title()).toContain('Malipo gateway');

    // Search, then "Test request" on create-payment: it calls this gateway, which refuses the
    // example credentials.
    await page.getByRole('button', { name: /Open Search/ }).click();
    await page.keyboard.type('refund');
    await page.getByText('Refund a payment').first().waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByRole('button', { name: /Test Request/ })
      .filter({ hasText: /\(post \/api\/v1\/payments\)$/ })
      .click();
    const sent = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url() === `${gw.url}/api/v1/payments`,
    );
    await page.getByRole('button', { name: /^Send/ }).first().click();
    await sent;
    await page.getByText('401 Unauthorized').first().waitFor();

    expect(seen.requests).toContain(`${gw.url}/openapi.json`);
    expect(seen.foreign()).toEqual([]);
    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('axe on /docs finds nothing serious, in light and dark mode', async () => {
    const seen = await watch(page);
    await page.goto(`${gw.url}/docs`);
    await page.getByRole('heading', { name: 'Create a payment' }).waitFor();
    const light = await seriousViolations(page);
    expect(light).toEqual([]);
    await page.getByRole('button', { name: 'Set dark mode' }).first().click();
    await page.locator('body.dark-mode').waitFor({ state: 'attached' });
    const dark = await seriousViolations(page);
    expect(dark).toEqual([]);
    expect(seen.foreign()).toEqual([]);
    expect(seen.csp).toEqual([]);
  });

  it('axe finds nothing serious on /, which runs no script and leads to the reference', async () => {
    const seen = await watch(page);
    await page.goto(gw.url);
    await page.getByRole('heading', { level: 1, name: 'Malipo gateway' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.waitForURL(`${gw.url}/docs`);
    await page.getByRole('heading', { name: 'Create a payment' }).waitFor();
    expect(seen.foreign()).toEqual([]);
    expect(seen.csp).toEqual([]);
  });
});
