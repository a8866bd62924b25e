// Bundled for the browser and run inside an Edge Runtime VM (web globals only).
import { createWebhookHandler, standardWebhooks, verifyWebhook } from '../../dist/index.js';
import { generateEd25519Keys, signTestWebhook } from '../../dist/testing/index.js';

const scope = globalThis as unknown as Record<string, unknown>;

scope.runEdgeChecks = async () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const vector = await verifyWebhook(
    standardWebhooks,
    '{"test": 2432232314}',
    new Headers({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    }),
    { secret, now: () => 1614265330_000 },
  );
  const keys = await generateEd25519Keys();
  const signed = await signTestWebhook({ hello: 'edge' }, { secret: keys.secretKey });
  const ed25519 = await verifyWebhook(standardWebhooks, signed.body, signed.headers, {
    secret: keys.publicKey,
  });
  let tampered = 'accepted';
  try {
    await verifyWebhook(standardWebhooks, `${signed.body} `, signed.headers, {
      secret: keys.publicKey,
    });
  } catch (error) {
    tampered = (error as { code: string }).code;
  }
  const received: unknown[] = [];
  const handler = createWebhookHandler({
    secret,
    onEvent: (event) => void received.push(event),
    parse: (t) => JSON.parse(t),
  });
  const delivery = await signTestWebhook(
    { id: 'evt_edge', event: 'payment.completed' },
    { secret },
  );
  const response = await handler(
    new Request('https://edge.example/webhooks', {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    }),
  );
  return {
    globals: {
      process: typeof scope.process,
      Buffer: typeof scope.Buffer,
      require: typeof scope.require,
    },
    vector: vector.id,
    ed25519: ed25519.id === signed.headers['webhook-id'],
    tampered,
    status: response.status,
    received: received.length,
  };
};
