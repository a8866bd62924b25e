import { http } from 'msw';
import type { DarajaSimulator } from './simulator/create-simulator.js';

/**
 * msw handlers that route every request under `baseUrl` to a Daraja simulator, so code that
 * calls the real sandbox URL can be tested unchanged.
 *
 * @example
 * const simulator = createDarajaSimulator();
 * const server = setupServer(...darajaHandlers(simulator));
 */
export function darajaHandlers(simulator: DarajaSimulator, options: { baseUrl?: string } = {}) {
  const baseUrl = (options.baseUrl ?? 'https://sandbox.safaricom.co.ke').replace(/\/+$/, '');
  return [http.all(`${baseUrl}/*`, ({ request }) => simulator.handle(request))];
}
