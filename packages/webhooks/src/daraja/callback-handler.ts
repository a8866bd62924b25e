import { type FetchCallbackContext, handleFetchRequest } from '../handler/fetch-bridge.js';
import { createDarajaCallbackCore } from './callback-core.js';
import type { DarajaCallbackOptions } from './callback-options.js';

/**
 * The Daraja callback guard as a fetch handler. Its options are checked here, when it is
 * built: a short `pathToken` or a misspelt `mode` throws `WebhookOptionsError` naming the option.
 *
 * @example
 * const mpesaCallback = createDarajaCallbackHandler({
 *   pathToken: process.env.MPESA_CALLBACK_TOKEN!,
 *   onCallback: async (callback) => { await payments.settle(callback); },
 * });
 */
export function createDarajaCallbackHandler(
  options: DarajaCallbackOptions,
): (request: Request, context?: FetchCallbackContext) => Promise<Response> {
  const core = createDarajaCallbackCore(options);
  return (request, context) => handleFetchRequest(core, request, context);
}
