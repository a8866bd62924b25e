import { createDaraja, type Daraja, type TokenStore } from '@malipo/daraja';
import { createSecurityCredential } from '@malipo/daraja/security-credential';
import { createDarajaSimulator, type DarajaSimulator, sandbox } from '@malipo/daraja/testing';
import type { GatewayConfig, MpesaModeConfig } from '../config/config.js';
import type { DarajaCredentials } from '../config/mpesa-modes.js';
import { DomainError } from '../errors/domain-error.js';
import type { Mode } from '../merchants/merchant.js';
import type { ResultPurpose } from '../stores/results-store.js';
import type { CallbackTokens } from './callback-tokens.js';
import { createMerchantBudget, type MerchantBudget } from './merchant-budget.js';
import { createQueryBudget, type QuerySlot } from './query-budget.js';
import { callbackPathPattern } from './simulator-guard.js';

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
  /**
   * Where Daraja posts the asynchronous result of a B2C, reversal, status or balance request,
   * and its queue timeout: under the mode's secret callback path, naming what the result is for.
   */
  resultUrls(
    purpose: ResultPurpose,
    targetId: string,
  ): Promise<{ resultUrl: string; queueTimeoutUrl: string }>;
  /**
   * Throws `MODE_NOT_CONFIGURED` when this mode has no initiator: it collects payments but
   * cannot send money (payouts, refunds, balance).
   */
  requireInitiator(): void;
  /** Whether this mode has an initiator (can send money and ask for its balance). */
  readonly sendsMoney: boolean;
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
  options: {
    hostSimulator: boolean;
    publicUrl: string;
    tokenStore: TokenStore;
    /** The `fetch` Daraja calls go through (the metrics' timed one); the global one when absent. */
    fetch?: typeof fetch | undefined;
  },
): Promise<MpesaModes> {
  const ownRoute = `${options.publicUrl}/callbacks/mpesa/`;
  const testConfig = config.mpesa.test;
  const hosted =
    testConfig.kind === 'simulator' && options.hostSimulator && testConfig.url === undefined;
  // The simulator's initiator (the sandbox's usual test operator): one credential, made once,
  // since each encryption differs and the simulator compares it.
  const simulatorInitiator =
    testConfig.kind === 'simulator'
      ? {
          name: 'testapi',
          securityCredential: createSecurityCredential('Safaricom999!*!', 'sandbox'),
        }
      : undefined;
  const simulator =
    hosted && testConfig.kind === 'simulator'
      ? createDarajaSimulator({
          initiator: simulatorInitiator,
          // Only this gateway's own callback route, whatever a push names.
          allowCallbackUrl: (url) =>
            url.startsWith(ownRoute) && callbackPathPattern.test(url.slice(ownRoute.length)),
          callbackDelayMs: testConfig.callbackDelayMs,
          // TEST_PAYMENT_SUCCESS=false: numbers without a documented outcome fail (insufficient funds).
          defaultOutcome: { resultCode: testConfig.paymentSuccess ? 0 : 1 },
          outcomes: gatewayTestPhones,
        })
      : undefined;
  const mode = async (which: Mode, settings: MpesaModeConfig): Promise<Mpesa> => {
    const perMinute = config.darajaBudget.perMinute(settings);
    const initiator = settings.kind === 'simulator' ? simulatorInitiator : initiatorOf(settings);
    return {
      daraja: createDaraja({
        ...darajaSettings(settings, options.publicUrl),
        ...(initiator ? { initiator } : {}),
        // The default; each push names the current one (the token can be rotated).
        callbackUrl: await callbackTokens.callbackUrl(which),
        tokenStore: options.tokenStore,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(perMinute ? { rateLimit: { limit: perMinute, intervalMs: 60_000 } } : {}),
      }),
      takeMerchantShare: createMerchantBudget(config.darajaBudget.perMerchantPerMinute(settings)),
      waitForQuerySlot: createQueryBudget(config.darajaBudget.queriesPerMinute),
      callbackUrl: () => callbackTokens.callbackUrl(which),
      async resultUrls(purpose, targetId) {
        const base = await callbackTokens.callbackUrl(which);
        return {
          resultUrl: `${base}/results/${purpose}/${targetId}`,
          queueTimeoutUrl: `${base}/timeouts/${purpose}/${targetId}`,
        };
      },
      sendsMoney: initiator !== undefined,
      requireInitiator() {
        if (initiator) return;
        const prefix = which === 'test' ? 'MPESA_TEST_' : 'MPESA_LIVE_';
        throw new DomainError(
          'MODE_NOT_CONFIGURED',
          `This gateway cannot send money in ${which} mode: its operator must set ${prefix}INITIATOR_NAME and ${prefix}INITIATOR_PASSWORD (or ${prefix}SECURITY_CREDENTIAL), the M-Pesa API operator that makes payouts and refunds.`,
        );
      },
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

/** The initiator of real Daraja credentials, its password encrypted with the right certificate. */
function initiatorOf(settings: DarajaCredentials) {
  const initiator = settings.initiator;
  if (!initiator) return undefined;
  return {
    name: initiator.name,
    securityCredential:
      initiator.securityCredential ??
      createSecurityCredential(initiator.password as string, settings.certificate),
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
