import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isDarajaApiError } from '../src/index.js';
import { callbackUrl, server, simulatedDaraja, validPush } from './support/simulated-daraja.js';

describe('the simulator is safe to expose', () => {
  it('refuses a CallBackURL that allowCallbackUrl refuses, as Daraja refuses a bad one', async () => {
    const { daraja, simulator } = simulatedDaraja({
      allowCallbackUrl: (url) => url === callbackUrl,
    });
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
    const hopUrl = 'https://merchant.example/hop';
    const targetUrl = 'http://127.0.0.1:9/internal';
    server.use(
      http.post(
        hopUrl,
        () => new HttpResponse(null, { status: 307, headers: { location: targetUrl } }),
      ),
      http.all(targetUrl, () => {
        redirected++;
        return HttpResponse.text('ok');
      }),
    );
    const { daraja, simulator } = simulatedDaraja({ callbackDelayMs: 0 });
    const push = await daraja.stkPush({ ...validPush, callbackUrl: hopUrl });
    await simulator.settle(push.checkoutRequestId);
    await simulator.idle();
    expect(simulator.transaction(push.checkoutRequestId)?.deliveries[0]?.status).toBe(307);
    expect(redirected).toBe(0);
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
