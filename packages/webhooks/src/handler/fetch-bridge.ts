import { readRequestBody } from './read-limited.js';
import { toFetchResponse } from './responses.js';
import type { HandlerCore } from './types.js';
import { failUnreadableBody } from './unreadable-body.js';

/** Per-request facts a fetch runtime knows but `Request` does not carry. */
export interface FetchCallbackContext {
  /** Socket address of the peer (Hono's `getConnInfo`, Bun's `server.requestIP`, …). */
  remoteAddress?: string | undefined;
  /** Keeps acknowledge-first processing alive after the response (Workers, Vercel). */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** What an adapter adds when it runs a core on a Fetch `Request`. */
export interface FetchRequestContext extends FetchCallbackContext {
  /**
   * How to mount the handler in this framework, appended to the `body_already_parsed` answer
   * when something read the body first.
   */
  mountingHint?: string | undefined;
}

/**
 * The bridge every fetch adapter uses: read the unread body within the core's limit, run the
 * core, hand background work to `waitUntil`, and answer a `Response`. A body read before it is
 * answered `body_already_parsed` with `mountingHint`.
 */
export async function handleFetchRequest(
  core: HandlerCore,
  request: Request,
  context: FetchRequestContext = {},
): Promise<Response> {
  const head = {
    method: request.method,
    path: new URL(request.url).pathname,
    headers: request.headers,
    remoteAddress: context.remoteAddress,
  };
  const refused = core.screen?.(head);
  if (refused) return toFetchResponse(refused);
  let body: Uint8Array;
  try {
    body = await readRequestBody(request, core.maxBodyBytes, context.mountingHint);
  } catch (error) {
    return toFetchResponse(failUnreadableBody(core, error));
  }
  const answer = await core.handle({ ...head, body });
  if (answer.processing) context.waitUntil?.(answer.processing);
  return toFetchResponse(answer);
}
