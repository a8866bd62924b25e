import { type DarajaError, isDarajaApiError, isDarajaError } from '@malipo/daraja';
import type { KeyAnswerSlot } from '../idempotency/idempotency.js';
import { safeErrorText } from '../mpesa/safe-error-text.js';
import { connectionNeverOpened, ProviderSkippedError } from '../providers/breakers.js';
import { type PaymentRow, storeStkPush } from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { eventRecord, paymentEvent } from '../webhooks/emit-event.js';
import type { PaymentDeps } from './create-payment.js';
import { createdPaymentView } from './payment-view.js';
import type { ProviderOutcome } from './provider-outcome.js';
import { settlePayment } from './state-machine.js';

/**
 * M-Pesa is down and certainly did not prompt anyone: the connection never opened, or Daraja
 * answered its own 5xx error (an envelope or a gateway fault, never an HTML page of unknown
 * origin). A timeout, a reset connection or an unexplained 5xx may have prompted the customer:
 * those never count, so a payment never falls back after a prompt may be on the phone.
 */
export function mpesaDown(error: unknown): boolean {
  if (!isDarajaError(error)) return false;
  if (error.code === 'network_error') return connectionNeverOpened(error);
  return isDarajaApiError(error) && error.status >= 500 && pushRefused(error);
}

/**
 * Sends the STK push of a committed PENDING payment and records the answer: the reference, the
 * `payment.pending` event and the first early poll commit together (one statement); a push Daraja refuses (or
 * never confirms) settles the payment FAILED with its event. With `mayFallBack`, an M-Pesa that
 * is down before it acted (see {@link mpesaDown}, or its circuit open) is answered `down` and the
 * payment stays as it was. Pushes are never retried here: a retry could prompt twice.
 */
export async function pushStk(
  deps: PaymentDeps,
  merchant: Scope,
  created: PaymentRow,
  push: { phone: string; shillings: number; metadata: Record<string, unknown> },
  options: {
    mayFallBack: boolean;
    /** Where the create's answer goes under its idempotency key (with the reference). */
    answer?: KeyAnswerSlot | undefined;
  },
): Promise<ProviderOutcome> {
  const { db } = deps;
  const { id } = created;
  const { phone, shillings, metadata } = push;
  const mpesa = deps.mpesa.forMode(merchant.mode);
  const callbackUrl = await mpesa.callbackUrl();
  try {
    const sent = await deps.breakers.run('MPESA_SAFARICOM', merchant.mode, mpesaDown, () =>
      mpesa.daraja.stkPush({
        callbackUrl,
        amount: shillings,
        phone,
        accountReference: accountReference(metadata.order_reference, id),
        transactionDesc: transactionDesc(metadata.description),
      }),
    );
    // One statement: the reference, the first early poll, `payment.pending` and its deliveries.
    // A callback that beat it found no payment: the same statement hands it back to the relay.
    const at = new Date();
    const pending = {
      ...created,
      provider_reference: sent.checkoutRequestId,
      merchant_request_id: sent.merchantRequestId,
      updated_at: at,
    };
    // The create's answer is stored under its idempotency key by the same statement.
    const answer = options.answer && {
      ...options.answer,
      body: JSON.stringify(createdPaymentView(pending)),
    };
    const accepted = await storeStkPush(db, {
      id,
      reference: sent.checkoutRequestId,
      merchantRequestId: sent.merchantRequestId,
      at,
      pollSchedule: deps.config.pollScheduleSeconds,
      event: eventRecord(paymentEvent(pending)),
      answer,
    });
    if (answer && accepted.answered) options.answer?.stored(answer.body);
    return {
      kind: 'created',
      payment: accepted.payment ?? pending,
    };
  } catch (error) {
    if (error instanceof ProviderSkippedError) {
      if (options.mayFallBack) return { kind: 'down', reason: error.message };
      // The circuit opened between the check and the push: nothing was sent; the payment fails.
      const failed = await db.transaction((tx) =>
        settlePayment(tx, id, {
          to: 'FAILED',
          reason: 'initiation_failed',
          failureCode: 'PROVIDER_DOWN',
          failureMessage: error.message,
        }),
      );
      return { kind: 'provider_failed', payment: failed ?? created, message: error.message };
    }
    if (!isDarajaError(error)) throw error;
    // Certainly never started, and M-Pesa is down: the next provider may take it.
    if (options.mayFallBack && mpesaDown(error)) {
      return { kind: 'down', reason: `M-Pesa is down: ${safeErrorText(error)}` };
    }
    const refused = pushRefused(error);
    const failed = await db.transaction((tx) =>
      settlePayment(tx, id, {
        to: 'FAILED',
        reason: refused ? 'initiation_failed' : 'initiation_unconfirmed',
        failureCode: refused ? error.code : 'PROVIDER_UNCONFIRMED',
        failureMessage: refused
          ? `M-Pesa refused the payment request: ${safeErrorText(error)}`
          : `M-Pesa did not confirm the payment request (${error.code}); if the customer is prompted anyway and pays, the payment is flagged for review.`,
      }),
    );
    return {
      kind: 'provider_failed',
      payment: failed ?? created,
      message: refused
        ? `M-Pesa refused the payment request: ${safeErrorText(error)}`
        : `M-Pesa did not confirm the payment request: ${safeErrorText(error)}`,
    };
  }
}

/**
 * True when Daraja certainly did not start the push: it answered with its own error (envelope or
 * proxy fault), refused the token, or the input was refused locally. A timeout, a dropped
 * connection, a gateway error page or a malformed success leave the outcome unknown.
 */
export function pushRefused(error: DarajaError): boolean {
  if (error.code === 'invalid_input' || error.code === 'auth_failed') return true;
  if (!isDarajaApiError(error)) return false;
  return error.bodyKind === 'envelope' || error.bodyKind === 'fault' || error.status < 500;
}

/** Daraja's AccountReference: at most 12 characters, shown to the customer. */
export function accountReference(orderReference: unknown, id: string): string {
  const ref =
    typeof orderReference === 'string' ? orderReference.replace(/[^A-Za-z0-9-]/g, '') : '';
  return (ref || id.slice(-12)).slice(0, 12);
}

/** Daraja's TransactionDesc: 1 to 13 characters. */
export function transactionDesc(description: unknown): string {
  const text = typeof description === 'string' ? description.replace(/[^\w .,-]/g, '').trim() : '';
  return (text || 'Payment').slice(0, 13);
}
