import {
  acknowledgeStkCallback,
  createDaraja,
  isDarajaCallbackError,
  parseStkCallback,
  type StkCallback,
  type StkQueryResult,
} from '@malipo/daraja';
import { createDarajaSimulator, sandbox } from '@malipo/daraja/testing';
import { serveOnLoopback } from './serve.js';

/** What happened to one demo payment. */
export interface DemoPayment {
  phone: string;
  checkoutRequestId: string;
  early: StkQueryResult['status'];
  callback: StkCallback;
  query: StkQueryResult;
}

/**
 * Runs three STK payments (paid, cancelled, insufficient funds) against the Daraja simulator
 * over real HTTP: the client talks to the simulator's port, the simulator POSTs callbacks to
 * a receiver on another port, and each payment is confirmed with an STK query.
 */
export async function runDemo(log: (line: string) => void = () => {}): Promise<DemoPayment[]> {
  const callbacks = new Map<string, StkCallback>();
  const waiters = new Map<string, (callback: StkCallback) => void>();

  const receiver = await serveOnLoopback(async (request) => {
    try {
      const callback = parseStkCallback(await request.text());
      callbacks.set(callback.checkoutRequestId, callback);
      waiters.get(callback.checkoutRequestId)?.(callback);
      return acknowledgeStkCallback();
    } catch (error) {
      if (isDarajaCallbackError(error)) return new Response(error.message, { status: 400 });
      throw error;
    }
  });
  const simulator = createDarajaSimulator({
    consumerKey: 'demo-key',
    consumerSecret: 'demo-secret',
    callbackDelayMs: 400,
  });
  const darajaServer = await serveOnLoopback((request) => simulator.handle(request));
  log(`Daraja simulator on ${darajaServer.url}, callback receiver on ${receiver.url}`);

  const daraja = createDaraja({
    environment: { baseUrl: darajaServer.url },
    consumerKey: 'demo-key',
    consumerSecret: 'demo-secret',
    shortcode: sandbox.shortcode,
    passkey: sandbox.passkey,
    callbackUrl: `${receiver.url}/mpesa/callback`,
  });

  const waitForCallback = (id: string) =>
    new Promise<StkCallback>((resolve) => {
      const known = callbacks.get(id);
      if (known) resolve(known);
      else waiters.set(id, resolve);
    });

  try {
    const phones = ['0708374149', '0733333333', '0708374150'];
    return await Promise.all(
      phones.map(async (phone) => {
        const push = await daraja.stkPush({
          amount: 100,
          phone,
          accountReference: 'DEMO-1',
          transactionDesc: 'Demo order',
        });
        log(`${push.phone}: prompt sent (${push.checkoutRequestId})`);
        const early = await daraja.pollStkResult(push.checkoutRequestId, {
          attempts: 1,
          intervalMs: 100,
        });
        const callback = await waitForCallback(push.checkoutRequestId);
        const query = await daraja.stkQuery({ checkoutRequestId: push.checkoutRequestId });
        const detail =
          callback.status === 'completed'
            ? ` receipt ${callback.receipt}, KES ${callback.amount}`
            : ` (${callback.customerMessage})`;
        log(
          `${push.phone}: inline poll ${early.status}; callback ${callback.status}${detail}; query ${query.status}`,
        );
        return {
          phone: push.phone,
          checkoutRequestId: push.checkoutRequestId,
          early: early.status,
          callback,
          query,
        };
      }),
    );
  } finally {
    simulator.close();
    await Promise.all([receiver.close(), darajaServer.close()]);
  }
}
