/**
 * `pnpm test:example`: starts `src/dev.ts` (the Worker in workerd through Miniflare) on a free
 * port, sends one delivery signed with `@malipo/webhooks/testing` and one whose body was changed
 * after signing, and exits non-zero unless the first is answered 2xx and logged by the handler
 * and the second is refused with 400 `signature_mismatch` without reaching the handler.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { generateWebhookSecret, signTestWebhook } from '@malipo/webhooks/testing';
import { checkReceiverExample } from '../../../scripts/test-support/receiver-example.js';

await checkReceiverExample({
  args: ['--import', 'tsx', 'src/dev.ts'],
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  env: { ...process.env, PORT: '0' },
  secret: generateWebhookSecret(),
  sign: signTestWebhook,
  ready: /listening on (http:\/\/[\w.:[\]-]+)/,
  url: ([, baseUrl]) => `${baseUrl}/webhooks/malipo`,
  readyTimeoutMs: 30_000,
});
