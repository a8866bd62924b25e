import { WebhookOptionsError } from '../errors/options-error.js';
import { WebhookVerificationError } from '../errors/webhook-error.js';
import type { WebhookPayload } from '../schemes/scheme.js';

/**
 * Refuses options that are not an object, a parsed body (re-serialised JSON never matches the sender's bytes) and absent
 * headers, before any scheme reads them.
 */
export function assertVerifiable(
  payload: unknown,
  headers: unknown,
  options: unknown,
): asserts payload is WebhookPayload {
  if (typeof options !== 'object' || options === null) {
    throw new WebhookOptionsError('options', 'expected an object such as { secret }.');
  }
  if (
    typeof payload !== 'string' &&
    !(payload instanceof Uint8Array) &&
    !(payload instanceof ArrayBuffer)
  ) {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `the payload is ${payload === null ? 'null' : typeof payload}, not the raw body. Pass the exact bytes or text received (for example express.raw() before any express.json(), or await request.text()).`,
    );
  }
  if (typeof headers !== 'object' || headers === null) {
    throw new WebhookVerificationError('missing_header', 'no headers were given to verify.');
  }
}
