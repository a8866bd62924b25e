import { isWebhookVerificationError } from '../errors/webhook-error.js';
import type { HeadersLike } from '../internal/headers.js';
import { checkEnvelope } from './checks.js';
import type { CoreResponse, HandlerCore } from './types.js';

/**
 * Answers a body that could not be read. When something consumed it first, a request that was
 * never a JSON POST is still the sender's mistake (405/415), not a mounting error (500) that
 * anyone could trigger at will by posting a form past a global parser.
 */
export function failUnreadableBody(
  core: HandlerCore,
  error: unknown,
  method: string,
  headers: HeadersLike,
): CoreResponse {
  if (isWebhookVerificationError(error) && error.code === 'body_already_parsed') {
    try {
      checkEnvelope(method, headers, core.maxBodyBytes);
    } catch (envelopeError) {
      return core.fail(envelopeError);
    }
  }
  return core.fail(error);
}
