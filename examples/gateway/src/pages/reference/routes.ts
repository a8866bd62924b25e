import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { type CompressedBody, compressedBody } from './compressed-body.js';
import { docsAssetsPath, docsPage, docsPageHeaders } from './docs-page.js';
import { landingPage, landingPageHeaders } from './landing-page.js';
import { publicOpenApiDocument } from './openapi-document.js';
import { rendererBundle } from './renderer-bundle.js';

/**
 * The public API reference: `/` (a landing page), `/openapi.json` (the contract's OpenAPI
 * document, its server this gateway), `/docs` (the document rendered by Scalar, every byte from
 * this gateway) and `/dashboard/docs` (the dashboard's link, sent to `/docs`). No database.
 */
export function referenceRoutes(options: { publicUrl: string }) {
  const app = new Hono<AppEnv>();
  const bundle = rendererBundle();
  const docsHeaders = docsPageHeaders(options.publicUrl);
  let openApiJson: CompressedBody | undefined;

  app.get('/', (c) => c.html(landingPage(), 200, landingPageHeaders));

  app.get('/openapi.json', async (c) => {
    // Built on first demand: a gateway nobody asks for its reference never builds it.
    openApiJson ??= compressedBody(
      Buffer.from(JSON.stringify(publicOpenApiDocument(options.publicUrl))),
    );
    const { body, encoding } = await openApiJson.encodedFor(c.req.header('accept-encoding'));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
  });

  app.get('/docs', (c) => c.html(docsPage(bundle.name), 200, docsHeaders));

  app.get(`${docsAssetsPath}/:file`, async (c) => {
    if (c.req.param('file') !== bundle.name) return c.notFound();
    const { body, encoding } = await bundle.body.encodedFor(c.req.header('accept-encoding'));
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
  });

  app.get('/dashboard/docs', (c) => c.redirect('/docs', 302));
  return app;
}
