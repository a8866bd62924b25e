import { createDaraja, type Daraja, type TokenStore } from '@malipo/daraja';
import { createDarajaSimulator, type DarajaSimulator, sandbox } from '@malipo/daraja/testing';
import type { GatewayConfig } from '../config/config.js';

/**
 * The gateway's own test phones, beside the simulator's documented ones: the customer pays
 * but the callback never arrives, so only a query (early poll, manual, reconciliation) settles it.
 */
export const gatewayTestPhones = Object.freeze({
  '254744444444': { resultCode: 0, skipCallback: true },
});

/** Path under which the built-in simulator answers, when it runs in this process. */
export const simulatorPrefix = '/__simulator/daraja';

/** Daraja as the gateway uses it, and the simulator when it runs in this process. */
export interface Mpesa {
  daraja: Daraja;
  /** Present when this process hosts the simulator. */
  simulator: DarajaSimulator | undefined;
  /** Answers requests under {@link simulatorPrefix} when this process hosts the simulator. */
  handleSimulator: ((request: Request) => Promise<Response>) | undefined;
  /** Where Daraja posts STK callbacks. */
  callbackUrl: string;
}

/**
 * Real Daraja when Safaricom credentials are configured; otherwise the built-in simulator —
 * hosted here unless `MPESA_SIMULATOR_URL` points at one in another process.
 */
export function createMpesa(
  config: GatewayConfig,
  callbackToken: string,
  options: { hostSimulator: boolean; publicUrl: string; tokenStore: TokenStore },
): Mpesa {
  const callbackUrl = `${options.publicUrl}/callbacks/mpesa/${callbackToken}`;
  if (config.mpesa.kind === 'daraja') {
    const m = config.mpesa;
    return {
      daraja: createDaraja({
        environment: m.environment,
        consumerKey: m.consumerKey,
        consumerSecret: m.consumerSecret,
        shortcode: m.shortcode,
        passkey: m.passkey,
        tillNumber: m.tillNumber,
        callbackUrl,
        tokenStore: options.tokenStore,
        rateLimit: { limit: 120, intervalMs: 60_000 },
      }),
      simulator: undefined,
      handleSimulator: undefined,
      callbackUrl,
    };
  }
  const hosted = options.hostSimulator && config.mpesa.url === undefined;
  const simulator = hosted
    ? createDarajaSimulator({
        // Only this gateway's own callback route, whatever a push names.
        allowCallbackUrl: (url) => url === callbackUrl,
        callbackDelayMs: config.mpesa.callbackDelayMs,
        // TEST_PAYMENT_SUCCESS=false: numbers without a documented outcome fail (insufficient funds).
        defaultOutcome: { resultCode: config.mpesa.paymentSuccess ? 0 : 1 },
        outcomes: gatewayTestPhones,
      })
    : undefined;
  const baseUrl = config.mpesa.url ?? `${options.publicUrl}${simulatorPrefix}`;
  return {
    daraja: createDaraja({
      environment: { baseUrl },
      consumerKey: 'simulator',
      consumerSecret: 'simulator',
      shortcode: sandbox.shortcode,
      passkey: sandbox.passkey,
      callbackUrl,
      tokenStore: options.tokenStore,
      timeoutMs: 10_000,
    }),
    simulator,
    handleSimulator:
      simulator &&
      ((request: Request) => {
        const url = new URL(request.url);
        url.pathname = url.pathname.slice(simulatorPrefix.length) || '/';
        return simulator.handle(new Request(url, request));
      }),
    callbackUrl,
  };
}
