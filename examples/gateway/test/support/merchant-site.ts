import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/**
 * A merchant's website on its own origin (`http://localhost:<port>`; the same server is another
 * origin as `http://127.0.0.1:<port>`): a shop page that opens the checkout modal with the
 * `@malipo/client/checkout` script build, return pages, and a page that frames any URL.
 * What the embed reports is kept in `window.checkoutEvents`.
 */
export interface MerchantSite {
  origin: string;
  /** The same server under another origin (a site the session does not allow). */
  otherOrigin: string;
  close(): Promise<void>;
}

const shopPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><main><h1>Shop</h1><button id="buy" type="button">Buy</button></main>
<script src="/checkout.js"></script>
<script>
window.checkoutEvents = [];
document.getElementById('buy').addEventListener('click', function () {
  var url = new URL(location.href).searchParams.get('session');
  MalipoCheckout.openCheckout({
    url: url,
    onSuccess: function (r) { window.checkoutEvents.push({ type: 'success', result: r }); },
    onFailure: function (r) { window.checkoutEvents.push({ type: 'failure', result: r }); },
    onClose: function () { window.checkoutEvents.push({ type: 'close' }); }
  });
});
</script></body></html>`;

const framePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Framing</title></head>
<body><iframe id="frame" title="checkout" width="400" height="600"></iframe>
<script>document.getElementById('frame').src = new URL(location.href).searchParams.get('src');</script>
</body></html>`;

export async function startMerchantSite(): Promise<MerchantSite> {
  // The same entry and format as the package's `dist/checkout.global.js`.
  const bundle = await build({
    entryPoints: [
      new URL('../../../../packages/client/src/checkout/index.ts', import.meta.url).pathname,
    ],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'MalipoCheckout',
    target: 'es2020',
    platform: 'browser',
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    };
    if (path === '/') return send('text/html; charset=utf-8', shopPage);
    if (path === '/frame') return send('text/html; charset=utf-8', framePage);
    if (path === '/checkout.js') return send('text/javascript', script);
    return send(
      'text/html; charset=utf-8',
      `<!doctype html><html lang="en"><head><title>${path}</title></head><body><h1>Merchant ${path}</h1></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    otherOrigin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
