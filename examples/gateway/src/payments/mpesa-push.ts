import { type DarajaError, isDarajaApiError, isDarajaError } from '@malipo/daraja';
import { queues } from '../jobs/queues.js';
import { safeErrorText } from '../mpesa/safe-error-text.js';
import { connectionNeverOpened, ProviderSkippedError } from '../providers/breakers.js';
import { type PaymentRow, storeStkReference } from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { emitPaymentEvent } from '../webhooks/emit-event.js';
import type { PaymentDeps } from './create-payment.js';
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
 * `payment.pending` event and the early-poll jobs commit together; a push Daraja refuses (or
 * never confirms) settles the payment FAILED with its event. With `mayFallBack`, an M-Pesa that
 * is down before it acted (see {@link mpesaDown}, or its circuit open) is answered `down` and the
 * payment stays as it was. Pushes are never retried here: a retry could prompt twice.
 */
export async function pushStk(
  deps: PaymentDeps,
  merchant: Scope,
  created: PaymentRow,
  push: { phone: string; shillings: number; metadata: Record<string, unknown> },
  options: { mayFallBack: boolean },
): Promise<ProviderOutcome> {
  const { db, jobs } = deps;
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
    const accepted = await db.transaction(async (tx) => {
      // A callback that beat this commit found no payment: the relay queues it again.
      const stored = await storeStkReference(
        tx,
        id,
        sent.checkoutRequestId,
        sent.merchantRequestId,
      );
      if (stored?.status !== 'PENDING') return stored;
      await emitPaymentEvent(tx, jobs, stored);
      await jobs.sendMany(
        queues.poll,
        deps.config.pollScheduleSeconds.map((seconds) => ({
          data: { paymentId: id, merchantId: merchant.merchantId, mode: merchant.mode },
          startAfterSeconds: seconds,
        })),
        { tx },
      );
      return stored;
    });
    return {
      kind: 'created',
      payment: accepted ?? { ...created, provider_reference: sent.checkoutRequestId },
    };
  } catch (error) {
    if (error instanceof ProviderSkippedError) {
      if (options.mayFallBack) return { kind: 'down', reason: error.message };
      // The circuit opened between the check and the push: nothing was sent; the payment fails.
      const failed = await db.transaction((tx) =>
        settlePayment(tx, jobs, id, {
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
      settlePayment(tx, jobs, id, {
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
