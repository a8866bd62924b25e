import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { pageHeaders, sha256Source } from './page-headers.js';

const style = `
body{margin:0;font:1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:0 auto;padding:2.5rem 1.25rem}
h1{font-size:1.6rem;margin:0 0 .5rem}
ul{padding:0;list-style:none}
li{margin:.9rem 0}
a{color:#0b57d0;font-weight:600}
a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
@media (prefers-color-scheme:dark){body{color:#eee;background:#121212}a{color:#8ab4f8}a:focus-visible{outline-color:#8ab4f8}}
`.trim();

/** Where a visitor can go from the landing page, with what each place is. */
const places = [
  ['/dashboard', 'Dashboard', 'your payments, webhook deliveries and API keys (sign-in required)'],
  ['/docs', 'API reference', 'every endpoint, its parameters, answers and errors'],
  [
    '/openapi.json',
    'OpenAPI document',
    'the same reference as OpenAPI 3.1 JSON, for code generators',
  ],
  ['/health', 'Health', "the gateway's status, as JSON"],
] as const;

/**
 * `/`: what this server is and links to everything public. No script at all; the one inline
 * stylesheet is allowed by its hash.
 */
export function landingPage(): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Malipo gateway</title>
<style>${raw(style)}</style>
</head>
<body>
<main>
<h1>Malipo gateway</h1>
<p>This is a Malipo reference payment gateway: it takes M-Pesa payments (over Daraja or its built-in simulator), refunds and payouts, and tells your server about them with signed webhooks.</p>
<nav aria-label="Gateway">
<ul>
${places.map(([href, name, what]) => html`<li><a href="${href}">${name}</a>: ${what}.</li>`)}
</ul>
</nav>
</main>
</body>
</html>`;
}

export const landingPageHeaders = pageHeaders([
  "default-src 'none'",
  `style-src ${sha256Source(style)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]);
