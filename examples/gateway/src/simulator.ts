import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createDarajaSimulator } from '@malipo/daraja/testing';
import type { GatewayConfig } from './config/config.js';
import { gatewayTestPhones } from './mpesa/mpesa.js';

/**
 * The Daraja simulator as its own process, for scale-out: every `api` and `worker` process points
 * `MPESA_SIMULATOR_URL` at it, so pushes and queries reach the same simulated Daraja.
 */
export async function startStandaloneSimulator(config: GatewayConfig, port: number) {
  const mpesa = config.mpesa.kind === 'simulator' ? config.mpesa : undefined;
  const simulator = createDarajaSimulator({
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
