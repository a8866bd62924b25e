/**
 * `@malipo/daraja/testing/msw` — msw handlers that put the Daraja simulator behind Safaricom's
 * URL, so code that calls the real sandbox can be tested unchanged. Kept apart from
 * `@malipo/daraja/testing` so that the simulator needs no msw.
 *
 * @module @malipo/daraja/testing/msw
 */
import { http } from 'msw';
import type { DarajaSimulator } from '../simulator/create-simulator.js';

/**
 * msw handlers that route every request under `baseUrl` to a Daraja simulator.
 *
 * @example
 * const simulator = createDarajaSimulator();
 * const server = setupServer(...darajaHandlers(simulator));
 */
export function darajaHandlers(simulator: DarajaSimulator, options: { baseUrl?: string } = {}) {
  const baseUrl = (options.baseUrl ?? 'https://sandbox.safaricom.co.ke').replace(/\/+$/, '');
  return [http.all(`${baseUrl}/*`, ({ request }) => simulator.handle(request))];
}
