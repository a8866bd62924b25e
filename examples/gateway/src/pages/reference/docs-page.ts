import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { pageHeaders, sha256Source } from './page-headers.js';

/** Where the gateway serves the renderer's script (see routes.ts). */
export const docsAssetsPath = '/docs/assets';

/**
 * Text colours of Scalar's default theme that axe finds below WCAG AA's 4.5:1 on its own
 * backgrounds (grey secondary text, the POST/DELETE/PUT method colours, the accent), darkened
 * just enough. Scalar puts its theme in the `scalar-theme` cascade layer, so these unlayered
 * rules win over it.
 */
const contrastFixes = [
  '.light-mode{--scalar-color-3:#6b6b6b;--scalar-color-accent:#0070c0;--scalar-color-green:#007a50;--scalar-color-red:#c4000a;--scalar-color-yellow:#806600;--scalar-color-orange:#b84000}',
  '.dark-mode{--scalar-color-3:#9a9a9a;--scalar-color-red:#ff5a55}',
].join('');

/**
 * Scalar's options (`ApiReferenceConfiguration` of @scalar/types). Everything that would reach
 * another host is off: the default fonts (fonts.scalar.com), the AI agent and the MCP
 * integration (api.scalar.com, proxy.scalar.com), telemetry. No `proxyUrl`: "Test request" calls
 * the gateway directly, the page's own origin. The download link is the document itself.
 */
const scalarConfiguration = {
  url: '/openapi.json',
  customCss: contrastFixes,
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  documentDownloadType: 'direct',
};

/**
 * The one inline script, allowed by its hash. It runs before the renderer's script: it repairs one
 * attribute Scalar leaves out (see below); it turns on zod's `jitless` option (zod's `z.config`, kept on `globalThis.__zod_globalConfig`) for the
 * copy of zod inside Scalar, which otherwise probes `Function('')`, an eval the policy blocks and
 * reports as a violation. Then, once the renderer's script has run, it mounts the reference. Not
 * on `#api-reference`: Scalar's standalone build mounts a second, default-configured reference on
 * that id by itself, which loads fonts from fonts.scalar.com.
 */
const initScript = [
  '(globalThis.__zod_globalConfig??={}).jitless=true;',
  // Scalar's editable API-key name fields are role="combobox" without aria-expanded (required by
  // ARIA for a combobox): screen readers then cannot tell whether a list is open. Added here
  // until Scalar sets it.
  "new MutationObserver(()=>{for(const e of document.querySelectorAll('[role=combobox]:not([aria-expanded])'))e.setAttribute('aria-expanded','false')})",
  '.observe(document.documentElement,{subtree:true,childList:true});',
  "addEventListener('DOMContentLoaded',()=>",
  `Scalar.createApiReference('#reference',${JSON.stringify(scalarConfiguration).replaceAll('<', '\\u003c')}))`,
].join('');

/** `/docs`: the API reference, rendered in the browser from `/openapi.json` by Scalar. */
export function docsPage(bundleName: string): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Malipo gateway</title>
</head>
<body>
<noscript><p>The interactive API reference needs JavaScript. The same reference is the OpenAPI document at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<div id="reference"></div>
<script>${raw(initScript)}</script>
<script src="${docsAssetsPath}/${bundleName}"></script>
</body>
</html>`;
}

/**
 * The policy is as strict as Scalar allows (checked in Chromium by test/reference-pages.test.ts):
 * - scripts: the gateway's own files and the init script by its hash; no `'unsafe-eval'`.
 * - styles: `'unsafe-inline'` only because Scalar writes its stylesheets and theme into
 *   `<style>` elements at run time, and only the first of them takes a CSP nonce.
 * - `connect-src`: the gateway's own origin (the document, "Test request"), which is also the
 *   document's server, `publicUrl` — named too for visitors who reach the gateway by another name.
 * - images only from the gateway or `data:` URLs (icons); no fonts, workers, frames or objects.
 */
export function docsPageHeaders(publicUrl: string): Record<string, string> {
  return pageHeaders([
    "default-src 'none'",
    `script-src 'self' ${sha256Source(initScript)}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${new URL(publicUrl).origin}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ]);
}
