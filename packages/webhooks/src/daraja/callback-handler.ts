import { readRequestBody } from '../handler/read-limited.js';
import { toFetchResponse } from '../handler/responses.js';
import { createDarajaCallbackCore, type DarajaCallbackOptions } from './callback-core.js';

/** Per-request facts a fetch runtime knows but `Request` does not carry. */
export interface FetchCallbackContext {
  /** Socket address of the peer (Hono's `getConnInfo`, Bun's `server.requestIP`, …). */
  remoteAddress?: string | undefined;
  /** Keeps acknowledge-first processing alive after the response (Workers, Vercel). */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/**
 * The Daraja callback guard as a fetch handler.
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
  return async (request, context = {}) => {
    let body: Uint8Array;
    try {
      body = await readRequestBody(request, core.maxBodyBytes);
    } catch (error) {
      return toFetchResponse(core.fail(error));
    }
    const response = await core.handle({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: request.headers,
      body,
      remoteAddress: context.remoteAddress,
    });
    if (response.processing) context.waitUntil?.(response.processing);
    return toFetchResponse(response);
  };
}
