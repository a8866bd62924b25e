import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isDarajaApiError } from '../src/index.js';
import { callbackUrl, simulatedDaraja, validPush } from './support/simulated-daraja.js';

describe('the simulator is safe to expose', () => {
  it('refuses a CallBackURL that allowCallbackUrl refuses, as Daraja refuses a bad one', async () => {
    const { daraja, simulator } = simulatedDaraja({ allowCallbackUrl: (url) => url === callbackUrl });
    await expect(daraja.stkPush(validPush)).resolves.toMatchObject({ responseCode: '0' });
    const refused = await daraja
      .stkPush({ ...validPush, callbackUrl: 'http://127.0.0.1:1/anywhere' })
      .catch((error: unknown) => error);
    expect(isDarajaApiError(refused) && refused.errorMessage).toBe(
      'Bad Request - Invalid CallBackURL',
    );
    expect(simulator.stats.stkPushes).toBe(1);
  });

  it('does not follow a redirect from the callback URL', async () => {
    let redirected = 0;
    const target = createServer((_req, res) => {
      redirected++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
    const hop = createServer((_req, res) => {
      res.writeHead(307, { location: targetUrl }).end();
    });
    await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
    const hopUrl = `http://127.0.0.1:${(hop.address() as AddressInfo).port}/callback`;
    try {
      const { daraja, simulator } = simulatedDaraja({ callbackDelayMs: 0 });
      const push = await daraja.stkPush({ ...validPush, callbackUrl: hopUrl });
      await simulator.settle(push.checkoutRequestId);
      await simulator.idle();
      expect(simulator.transaction(push.checkoutRequestId)?.deliveries[0]?.status).toBe(307);
      expect(redirected).toBe(0);
    } finally {
      hop.close();
      target.close();
    }
  });

  it('keeps at most maxTransactions: settled ones are forgotten, then pushes are throttled', async () => {
    const { daraja, simulator } = simulatedDaraja({ maxTransactions: 3, callbackDelayMs: 600_000 });
    const first = await daraja.stkPush(validPush);
    await simulator.settle(first.checkoutRequestId);
    for (let i = 0; i < 3; i++) await daraja.stkPush(validPush);
    expect(simulator.transactions()).toHaveLength(3);
    expect(simulator.transaction(first.checkoutRequestId)).toBeUndefined();
    const throttled = await daraja.stkPush(validPush).catch((error: unknown) => error);
    expect(isDarajaApiError(throttled) && throttled.status).toBe(429);
    expect(simulator.transactions()).toHaveLength(3);
  });
});
