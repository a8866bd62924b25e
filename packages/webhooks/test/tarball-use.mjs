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

// The adapter entry from the tarball: a core run through the fetch bridge, and an option error
// from it recognised by the main entry's guard (its own copy under require).
for (const [how, webhooks, adapter, testing] of [
  [
    'import',
    await import('@malipo/webhooks'),
    await import('@malipo/webhooks/adapter'),
    await import('@malipo/webhooks/testing'),
  ],
  [
    'require',
    require('@malipo/webhooks'),
    require('@malipo/webhooks/adapter'),
    require('@malipo/webhooks/testing'),
  ],
]) {
  const secret = testing.generateWebhookSecret();
  let handled = 0;
  const core = adapter.createWebhookCore({
    secret,
    parse: (text) => JSON.parse(text),
    onEvent: () => {
      handled += 1;
    },
  });
  const request = await testing.buildSignedRequest(
    'http://localhost/webhooks',
    { id: 'e' },
    { secret },
  );
  const response = await adapter.handleFetchRequest(core, request, { mountingHint: 'x' });
  let optionError;
  try {
    adapter.createWebhookCore({ secret: undefined, onEvent: () => {} });
  } catch (error) {
    optionError = error;
  }
  if (response.status !== 200 || handled !== 1 || !webhooks.isWebhookOptionsError(optionError)) {
    throw new Error(
      `${how}: adapter answered ${response.status}, handled ${handled}, ${optionError}`,
    );
  }
  console.log(`use ok: @malipo/webhooks/adapter (${how}): core ran once, option error recognised`);
}
