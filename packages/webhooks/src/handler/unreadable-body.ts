import { isWebhookVerificationError, WebhookVerificationError } from '../errors/webhook-error.js';
import type { CoreResponse, HandlerCore } from './types.js';

/**
 * Answers a body that could not be read. The core screened the request first, so a request
 * that was never a JSON POST has been refused already (405/415), not blamed on the mounting.
 * A stream that failed mid-body (the sender closed the connection) is `body_incomplete`, the
 * sender's side, never a handler failure: anyone could otherwise flood `onError` with 500s.
 */
export function failUnreadableBody(core: HandlerCore, error: unknown): CoreResponse {
  if (isWebhookVerificationError(error)) return core.fail(error);
  return core.fail(
    new WebhookVerificationError(
      'body_incomplete',
      'the request body ended before it was whole (the sender closed the connection); the sender should retry.',
      { cause: error },
    ),
  );
}
