import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One static file of the hosted page, read once, named by its content hash, pre-compressed. */
export interface Asset {
  /** `checkout.<hash>.js`: a new name whenever the content changes, so it caches forever. */
  name: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

function load(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return {
    name: `${file.slice(0, dot)}.${hash}${file.slice(dot)}`,
    type,
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  };
}

/**
 * The page's script (a file, cached forever under its hash) and stylesheet (inlined in the page,
 * allowed by its hash in the Content-Security-Policy: the first paint then needs one round trip,
 * not two). Every byte the page loads is served by the gateway.
 */
export function loadCheckoutAssets() {
  const script = load('checkout.js', 'text/javascript; charset=utf-8');
  const css = readFileSync(new URL('./assets/checkout.css', import.meta.url), 'utf8').trim();
  const style = { css, hash: `sha256-${createHash('sha256').update(css).digest('base64')}` };
  return { script, style, byName: new Map([[script.name, script]]) };
}

export type CheckoutAssets = ReturnType<typeof loadCheckoutAssets>;

/** The asset's bytes in the best encoding the caller accepts. */
export function encodedBody(asset: Asset, acceptEncoding: string | undefined) {
  const accepts = (name: string) => new RegExp(`\\b${name}\\b`).test(acceptEncoding ?? '');
  if (accepts('br')) return { body: asset.brotli, encoding: 'br' };
  if (accepts('gzip')) return { body: asset.gzip, encoding: 'gzip' };
  return { body: asset.body, encoding: undefined };
}
