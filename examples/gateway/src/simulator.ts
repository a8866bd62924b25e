import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDarajaSimulator } from '@malipo/daraja/testing';
import { type GatewayConfig, GatewayConfigError } from './config/config.js';
import { gatewayTestPhones } from './mpesa/mpesa.js';
import { gatewayCallbackUrls, isLoopback } from './mpesa/simulator-guard.js';

/**
 * The Daraja simulator as its own process, for scale-out: every `api` and `worker` process points
 * `MPESA_SIMULATOR_URL` at it, so pushes and queries reach the same simulated Daraja.
 */
export async function startStandaloneSimulator(config: GatewayConfig, port: number) {
  if (!isLoopback(config.host)) {
    // It has no authentication: anyone who reaches it could drive payments.
    throw new GatewayConfigError([
      `HOST: the Daraja simulator has no authentication and listens on loopback only; set HOST=127.0.0.1 (not ${config.host}).`,
    ]);
  }
  const mpesa = config.mpesa.test.kind === 'simulator' ? config.mpesa.test : undefined;
  const simulator = createDarajaSimulator({
    allowCallbackUrl: gatewayCallbackUrls(config.publicUrl),
    callbackDelayMs: mpesa?.callbackDelayMs ?? 1_000,
    defaultOutcome: { resultCode: (mpesa?.paymentSuccess ?? true) ? 0 : 1 },
    outcomes: gatewayTestPhones,
  });
  return new Promise<{ url: string; close(): void }>((resolve, reject) => {
    const server = serve(
      { fetch: simulator.handle, hostname: config.host, port },
      (info: AddressInfo) =>
        resolve({
          url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${info.port}`,
          close: () => {
            simulator.close();
            server.close();
          },
        }),
    );
    server.once('error', reject);
  });
}
