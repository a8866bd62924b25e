// Run by scripts/check-tarballs.mjs in a scratch project that installed the packed tarballs, once
// from an ES module (load = import) and once from a CommonJS one (load = require), on Node 22
// and 24: a Standard Webhooks delivery signed with the testing signer and verified (and a
// tampered copy refused) by the main entry and by the verify entry, and a core run through the
// adapter entry's fetch bridge.

/** @param {(id: string) => Promise<any>} load `import()` or `require()` of a package name */
export default async function use(load, how) {
  const webhooks = await load('@malipo/webhooks');
  const adapter = await load('@malipo/webhooks/adapter');
  const testing = await load('@malipo/webhooks/testing');
  const verifyOnly = await load('@malipo/webhooks/verify');

  const secret = testing.generateWebhookSecret();
  const body = JSON.stringify({ id: 'evt_1', event: 'payment.completed' });
  const signed = await testing.signTestWebhook(body, { secret, scheme: webhooks.standardWebhooks });
  const { standardWebhooks } = webhooks;
  const verified = await webhooks.verifyWebhook(standardWebhooks, signed.body, signed.headers, {
    secret,
  });
  const tampered = await webhooks.safeVerifyWebhook(
    standardWebhooks,
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

  const alone = await verifyOnly.verifyStandardWebhook(signed.body, signed.headers, { secret });
  const refused = await verifyOnly
    .verifyStandardWebhook(`${signed.body} `, signed.headers, { secret })
    .catch((error) => error);
  if (alone.id !== verified.id || !webhooks.isWebhookVerificationError(refused)) {
    throw new Error(`${how}: verify entry ${JSON.stringify(alone)}, tampered ${refused}`);
  }
  console.log(`use ok: @malipo/webhooks/verify (${how}): verified, tampered copy refused`);

  // An option error from the adapter entry is recognised by the main entry's guard (each entry
  // has its own copy of the class under require).
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
