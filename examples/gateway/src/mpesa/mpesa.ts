import { createDaraja, type Daraja, type TokenStore } from '@malipo/daraja';
import { createDarajaSimulator, type DarajaSimulator, sandbox } from '@malipo/daraja/testing';
import type { GatewayConfig, MpesaModeConfig } from '../config/config.js';
import { DomainError } from '../errors/domain-error.js';
import type { Mode } from '../merchants/merchant.js';
import type { CallbackTokens } from './callback-tokens.js';
import { createMerchantBudget, type MerchantBudget } from './merchant-budget.js';
import { createQueryBudget, type QuerySlot } from './query-budget.js';

/**
 * The gateway's own test phones, beside the simulator's documented ones: the customer pays but
 * the callback never arrives, so only a query (early poll, manual, reconciliation) settles it.
 */
export const gatewayTestPhones = Object.freeze({
  '254744444444': { resultCode: 0, skipCallback: true },
});

/** Path under which the built-in simulator answers, when it runs in this process. */
export const simulatorPrefix = '/__simulator/daraja';

/** Daraja as one mode uses it. */
export interface Mpesa {
  daraja: Daraja;
  /** Takes a request from the merchant's share of this mode's budget (`RATE_LIMITED` past it). */
  takeMerchantShare: MerchantBudget;
  /** Waits for a slot of this mode's STK query budget. */
  waitForQuerySlot: QuerySlot;
  /** Where Daraja posts this mode's STK callbacks (its current secret token). */
  callbackUrl(): Promise<string>;
}

/** M-Pesa for both modes, and the simulator when this process hosts it (test mode only). */
export interface MpesaModes {
  test: Mpesa;
  live: Mpesa | undefined;
  /** The mode's M-Pesa, or `MODE_NOT_CONFIGURED` when live mode has no production credentials. */
  forMode(mode: Mode): Mpesa;
  simulator: DarajaSimulator | undefined;
  /** Answers requests under {@link simulatorPrefix} when this process hosts the simulator. */
  handleSimulator: ((request: Request) => Promise<Response>) | undefined;
}

/**
 * Test mode: Daraja's sandbox when `MPESA_TEST_*` is set, else the built-in simulator (hosted here
 * unless `MPESA_SIMULATOR_URL` points at one in another process). Live mode: production with
 * `MPESA_LIVE_*`, or nothing. Each mode has its own callback token, so a callback proves its mode.
 */
export async function createMpesa(
  config: GatewayConfig,
  callbackTokens: CallbackTokens,
  options: { hostSimulator: boolean; publicUrl: string; tokenStore: TokenStore },
): Promise<MpesaModes> {
  const ownRoute = `${options.publicUrl}/callbacks/mpesa/`;
  const testConfig = config.mpesa.test;
  const hosted =
    testConfig.kind === 'simulator' && options.hostSimulator && testConfig.url === undefined;
  const simulator =
    hosted && testConfig.kind === 'simulator'
      ? createDarajaSimulator({
          // Only this gateway's own callback route, whatever a push names.
          allowCallbackUrl: (url) =>
            url.startsWith(ownRoute) && /^[\w-]+$/.test(url.slice(ownRoute.length)),
          callbackDelayMs: testConfig.callbackDelayMs,
          // TEST_PAYMENT_SUCCESS=false: numbers without a documented outcome fail (insufficient funds).
          defaultOutcome: { resultCode: testConfig.paymentSuccess ? 0 : 1 },
          outcomes: gatewayTestPhones,
        })
      : undefined;
  const mode = async (which: Mode, settings: MpesaModeConfig): Promise<Mpesa> => {
    const perMinute = config.darajaBudget.perMinute(settings);
    return {
      daraja: createDaraja({
        ...darajaSettings(settings, options.publicUrl),
        // The default; each push names the current one (the token can be rotated).
        callbackUrl: await callbackTokens.callbackUrl(which),
        tokenStore: options.tokenStore,
        ...(perMinute ? { rateLimit: { limit: perMinute, intervalMs: 60_000 } } : {}),
      }),
      takeMerchantShare: createMerchantBudget(config.darajaBudget.perMerchantPerMinute(settings)),
      waitForQuerySlot: createQueryBudget(config.darajaBudget.queriesPerMinute),
      callbackUrl: () => callbackTokens.callbackUrl(which),
    };
  };
  const test = await mode('test', testConfig);
  const live = config.mpesa.live ? await mode('live', config.mpesa.live) : undefined;
  return {
    test,
    live,
    forMode(which) {
      if (which === 'test') return test;
      if (live) return live;
      throw new DomainError(
        'MODE_NOT_CONFIGURED',
        'Live mode is not configured on this gateway: its operator must set the production M-Pesa credentials (MPESA_LIVE_CONSUMER_KEY, MPESA_LIVE_CONSUMER_SECRET, MPESA_LIVE_SHORTCODE, MPESA_LIVE_PASSKEY). Use a test key (sk_test_…) meanwhile.',
      );
    },
    simulator,
    handleSimulator:
      simulator &&
      ((request: Request) => {
        const url = new URL(request.url);
        url.pathname = url.pathname.slice(simulatorPrefix.length) || '/';
        return simulator.handle(new Request(url, request));
      }),
  };
}

function darajaSettings(settings: MpesaModeConfig, publicUrl: string) {
  if (settings.kind === 'daraja') {
    return {
      environment: settings.environment,
      consumerKey: settings.consumerKey,
      consumerSecret: settings.consumerSecret,
      shortcode: settings.shortcode,
      passkey: settings.passkey,
      tillNumber: settings.tillNumber,
    };
  }
  return {
    environment: { baseUrl: settings.url ?? `${publicUrl}${simulatorPrefix}` },
    consumerKey: 'simulator',
    consumerSecret: 'simulator',
    shortcode: sandbox.shortcode,
    passkey: sandbox.passkey,
    timeoutMs: 10_000,
  };
}
