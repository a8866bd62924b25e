// Run by scripts/check-package.mjs from the packed tarball: a delivery signed with the testing
// signer and verified (and a tampered one refused) under both import and require.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
for (const [how, webhooks, testing] of [
  ['import', await import('@malipo/webhooks'), await import('@malipo/webhooks/testing')],
  ['require', require('@malipo/webhooks'), require('@malipo/webhooks/testing')],
]) {
  const secret = testing.generateWebhookSecret();
  const body = JSON.stringify({ id: 'evt_1', event: 'payment.completed' });
  const signed = await testing.signTestWebhook(body, { secret, scheme: webhooks.standardWebhooks });
  const verified = await webhooks.verifyWebhook(
    webhooks.standardWebhooks,
    signed.body,
    signed.headers,
    {
      secret,
    },
  );
  const tampered = await webhooks.safeVerifyWebhook(
    webhooks.standardWebhooks,
    `${signed.body} `,
    signed.headers,
    { secret },
  );
  if (!verified || tampered.ok !== false) {
    throw new Error(
      `${how}: verify ${JSON.stringify(verified)}, tampered ${JSON.stringify(tampered)}`,
    );
  }
  console.log(`use ok: @malipo/webhooks (${how}): signed, verified, tampered copy refused`);
}
