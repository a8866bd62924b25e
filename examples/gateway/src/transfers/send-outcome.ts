import { type DarajaError, isDarajaApiError, isDarajaError } from '@malipo/daraja';
import { safeErrorText } from '../mpesa/safe-error-text.js';

/** What sending a B2C or reversal request to Daraja came to. */
export type SendOutcome =
  /** Accepted: the result comes later, on the result URL. */
  | { kind: 'accepted'; conversationId: string; originatorConversationId: string }
  /** Daraja certainly did not start it: the transfer fails and its money is free again. */
  | { kind: 'refused'; code: string; message: string }
  /**
   * Unknown: a timeout, a dropped connection, or Daraja saying it already has this request
   * (a duplicate OriginatorConversationID). The transfer stays PENDING; the result or a status
   * check settles it. Never sent again under another id, so never paid twice.
   */
  | { kind: 'unknown'; message: string };

/** Daraja's answer to a repeated OriginatorConversationID: the first request got there. */
const duplicateRequest = '500.002.1001';

/** Sends one request to Daraja and sorts the answer into a {@link SendOutcome}. */
export async function sendTransfer(
  send: () => Promise<{ conversationId: string; originatorConversationId: string }>,
): Promise<SendOutcome> {
  try {
    const accepted = await send();
    return {
      kind: 'accepted',
      conversationId: accepted.conversationId,
      originatorConversationId: accepted.originatorConversationId,
    };
  } catch (error) {
    if (!isDarajaError(error)) throw error;
    if (refused(error)) {
      return {
        kind: 'refused',
        code: isDarajaApiError(error) ? (error.errorCode ?? error.code) : error.code,
        message: `M-Pesa refused the request: ${safeErrorText(error)}`,
      };
    }
    return { kind: 'unknown', message: safeErrorText(error) };
  }
}

/**
 * True when Daraja certainly did not start the transfer: a 4xx answer (its envelope, a proxy
 * fault, a firewall page), refused credentials, or input refused before sending. Any 5xx — even
 * in Daraja's envelope, and "duplicate request", which says the first one got there — a timeout
 * or a dropped connection leave it unknown: money may be moving.
 */
function refused(error: DarajaError): boolean {
  if (error.code === 'invalid_input' || error.code === 'invalid_config') return true;
  if (!isDarajaApiError(error)) return false;
  if (error.errorCode === duplicateRequest) return false;
  return error.status < 500;
}
