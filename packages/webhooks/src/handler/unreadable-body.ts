import { isWebhookVerificationError, WebhookVerificationError } from '../errors/webhook-error.js';
import type { CoreResponse, HandlerCore } from './types.js';

/**
 * The errors a body stream ends with when the sender goes away mid-body: Node's request
 * (`aborted`, ECONNRESET), undici's and Fetch's streams (`terminated`, AbortError).
 */
function isCutOff(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  return (
    code === 'ECONNRESET' ||
    code === 'ECONNABORTED' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    name === 'AbortError' ||
    message === 'aborted' ||
    message === 'terminated'
  );
}

/**
 * Answers a body that could not be read. The core screened the request first, so a request
 * that was never a JSON POST has been refused already (405/415), not blamed on the mounting.
 * A stream cut off mid-body (the sender closed the connection) is `body_incomplete`, the
 * sender's side, never a handler failure: anyone could otherwise flood `onError` with 500s.
 * Any other error reading the body is a fault on this side, answered as one.
 */
export function failUnreadableBody(core: HandlerCore, error: unknown): CoreResponse {
  if (isWebhookVerificationError(error) || !isCutOff(error)) return core.fail(error);
  return core.fail(
    new WebhookVerificationError(
      'body_incomplete',
      'the request body ended before it was whole (the sender closed the connection); the sender should retry.',
      { cause: error },
    ),
  );
}
