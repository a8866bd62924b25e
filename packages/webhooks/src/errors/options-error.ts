import { hasErrorName } from '../internal/error-name.js';
import { WebhookVerificationError } from './webhook-error.js';

/**
 * An option passed to a handler (`createWebhookHandler`, `createDarajaCallbackHandler`, the
 * cores and every framework adapter) is missing or unusable. Thrown when the handler is built,
 * so a bad deployment fails at start instead of answering 500 to every delivery, which senders
 * retry for days. `field` names the option; `code` is `invalid_options`.
 *
 * @example
 * try {
 *   createWebhookHandler({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent });
 * } catch (error) {
 *   if (isWebhookOptionsError(error)) console.error(`fix the ${error.field} option`);
 *   throw error;
 * }
 */
export class WebhookOptionsError extends WebhookVerificationError {
  override name = 'WebhookOptionsError';
  /** The option that is wrong, e.g. `secret`, `pathToken`, `lockMs`. */
  readonly field: string;

  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super('invalid_options', `invalid option \`${field}\`: ${message}`, options);
    this.field = field;
  }
}

/** True for {@link WebhookOptionsError} from any copy of this package. */
export function isWebhookOptionsError(error: unknown): error is WebhookOptionsError {
  return error instanceof WebhookOptionsError || hasErrorName(error, ['WebhookOptionsError']);
}
