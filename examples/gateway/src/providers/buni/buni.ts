import { DomainError } from '../../errors/domain-error.js';
import type { Mode } from '../../stores/rows.js';
import { type BuniClient, createBuniClient } from './buni-client.js';
import { type BuniSimulator, createBuniSimulator } from './simulator.js';

/** Where the API serves the BUNI card simulator (loopback callers only). */
export const buniSimulatorPrefix = '/__simulator/buni';

/** BUNI for each mode: the built-in card simulator in test mode; live mode is refused. */
export interface BuniModes {
  forMode(mode: Mode): BuniClient;
  /** How long a card authorisation holds before it expires (`CARD_AUTHORIZATION_SECONDS`). */
  authorizationSeconds: number;
  simulator: BuniSimulator;
  /** Answers requests under {@link buniSimulatorPrefix}. */
  handleSimulator(request: Request): Promise<Response>;
}

/**
 * The simulator's API secret. It is no secret: the simulator moves no money and answers loopback
 * callers only; every process (API or worker) uses the same one to reach the API's simulator.
 */
const simulatorSecret = 'sk_buni_simulator';

export function createBuni(options: {
  publicUrl: string;
  authorizationSeconds: number;
}): BuniModes {
  const secret = simulatorSecret;
  const simulator = createBuniSimulator({ secret });
  const test = createBuniClient({ baseUrl: `${options.publicUrl}${buniSimulatorPrefix}`, secret });
  return {
    authorizationSeconds: options.authorizationSeconds,
    forMode(mode) {
      if (mode === 'test') return test;
      throw new DomainError(
        'MODE_NOT_CONFIGURED',
        'BUNI card payments are available in test mode only: live card payments need an acquiring bank contract, PCI DSS scope for the card data path and the acquirer’s API credentials, none of which this gateway has. Use a test key, or MPESA_SAFARICOM.',
        'provider',
      );
    },
    simulator,
    handleSimulator(request) {
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(buniSimulatorPrefix.length) || '/';
      return simulator.handle(new Request(url, request));
    },
  };
}
