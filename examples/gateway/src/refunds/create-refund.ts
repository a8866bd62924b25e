import type { CreateRefundRequest } from '@malipo/contract';
import { checkAccountCovers, merchantBalanceShort } from '../balance/account-cover.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { paymentProviders } from '../payments/payment-providers.js';
import { retrievePayment } from '../payments/payments.js';
import type { ProviderName } from '../providers/breakers.js';
import { lockMerchantLedger, merchantAvailableCents } from '../stores/ledger-store.js';
import type { PaymentRow } from '../stores/payments-store.js';
import {
  insertRefund,
  type RefundMethod,
  type RefundRow,
  reserveRefund,
} from '../stores/refunds-store.js';
import { cents } from '../stores/rows.js';
import { findTransfer, markTransferSent } from '../stores/transfers-store.js';
import { b2cShillingsOf } from '../transfers/amounts.js';
import { recordSend } from '../transfers/record-send.js';
import { sendTransfer } from '../transfers/send-outcome.js';
import type { SendResult, TransferDeps } from '../transfers/transfer.js';
import { sendCardRefund } from './card-refund.js';
import { settleRefund } from './refund-state.js';

/**
 * Refunds a completed payment, all of it or part. A card payment's refund goes back to the card
 * through BUNI. For M-Pesa: A full refund of a payment refunded
 * nothing so far reverses the M-Pesa transaction (the customer gets everything back, and no B2C
 * fee is paid) when its receipt is known; anything else is sent to the payer's phone over B2C
 * (the merchant pays B2C's fee on top). The amount is reserved on the payment in one compare-and-set before Daraja is asked,
 * so concurrent refunds can never together exceed what was paid; a failed refund gives it back.
 */
export async function createRefund(
  deps: TransferDeps,
  merchant: AuthenticatedMerchant,
  paymentId: string,
  input: CreateRefundRequest,
  scope: IdempotencyScope,
): Promise<SendResult<RefundRow>> {
  const payment = await retrievePayment(deps, merchant, paymentId);
  if (scope.recoveredResourceId) {
    const recovered = (await findTransfer(
      deps.db,
      'refunds',
      scope.recoveredResourceId,
    )) as RefundRow;
    return recovered.status === 'PENDING' && recovered.provider_reference === null
      ? send(deps, recovered, payment)
      : { kind: 'sent', row: recovered };
  }
  const remaining = refundable(payment);
  if (remaining === 0) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `Nothing is left to refund on this payment: ${cents(payment.amount_captured_cents)} cents paid, all refunded or being refunded.`,
    );
  }
  const amountCents = input.amount_cents ?? remaining;
  if (amountCents > remaining) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `Only ${remaining} cents of this payment are left to refund (${cents(payment.amount_captured_cents)} paid, ${cents(payment.amount_refunded_cents)} refunded or being refunded).`,
      'amount_cents',
    );
  }
  const card = payment.provider === 'BUNI';
  // A reversal names the payment's M-Pesa receipt; a payment settled by a query (its callback
  // lost) has none, so even a full refund of it goes over B2C.
  const method: RefundMethod = card
    ? 'CARD_REFUND'
    : amountCents === cents(payment.amount_captured_cents) && payment.receipt
      ? 'MPESA_REVERSAL'
      : 'MPESA_B2C';
  if (card) {
    deps.buni.forMode(merchant.mode);
  } else {
    if (method === 'MPESA_B2C') {
      b2cShillingsOf(
        amountCents,
        'amount_cents',
        amountCents === cents(payment.amount_captured_cents)
          ? 'refunds (this payment was settled without its M-Pesa receipt, so it cannot be reversed)'
          : 'partial refunds',
      );
    }
    const mpesa = deps.mpesa.forMode(merchant.mode);
    mpesa.requireInitiator();
    await mpesa.takeMerchantShare(merchant);
  }

  const id = newId('re');
  const refund = await deps.db.transaction(async (tx) => {
    // Concurrent refunds queue on the payment row; those that no longer fit change nothing.
    await lockMerchantLedger(tx, merchant.merchantId);
    if (!card) await checkAccountCovers(tx, merchant.mode, amountCents, 'refund');
    const reserved = await reserveRefund(tx, payment.id, amountCents);
    if (!reserved) throw notRefundable(payment, amountCents);
    // A refund is paid from the merchant's balance, like a payout: money already paid out cannot
    // be refunded again (the M-Pesa account holds other merchants' money too). The reservation
    // above already counts; rolling back undoes it.
    const available = await merchantAvailableCents(tx, merchant, payment.currency);
    if (available < 0n) {
      throw merchantBalanceShort(available + BigInt(amountCents), amountCents, 'refund');
    }
    const row = await insertRefund(tx, {
      id,
      payment: reserved,
      method,
      amountCents,
      reason: input.reason ?? null,
      metadata: input.metadata ?? {},
      originatorConversationId: id,
    });
    await scope.attach?.(tx, id);
    return row;
  });
  return send(deps, refund, payment);
}

/** What is left to refund, in cents (0 unless COMPLETED). */
function refundable(payment: PaymentRow): number {
  if (payment.status !== 'COMPLETED') throw notRefundable(payment, 0);
  if (!paymentProviders[payment.provider as ProviderName]?.capabilities.refund) {
    throw new DomainError(
      'INVALID_STATE',
      `Refunds of ${payment.provider} payments are not available on this gateway.`,
      'payment_id',
    );
  }
  return cents(payment.amount_captured_cents) - cents(payment.amount_refunded_cents);
}

function notRefundable(payment: PaymentRow, amountCents: number): DomainError {
  if (payment.status !== 'COMPLETED') {
    return new DomainError(
      'INVALID_STATE',
      `Only a COMPLETED payment can be refunded: this one is ${payment.status}.`,
      'payment_id',
    );
  }
  return new DomainError(
    'INVALID_AMOUNT',
    `A refund of ${amountCents} cents no longer fits: other refunds of this payment took the rest. Retrieve the payment for amount_refunded_cents.`,
    'amount_cents',
  );
}

async function send(
  deps: TransferDeps,
  refund: RefundRow,
  payment: PaymentRow,
): Promise<SendResult<RefundRow>> {
  if (refund.method === 'CARD_REFUND') return sendCardRefund(deps, refund, payment);
  const mpesa = deps.mpesa.forMode(refund.mode);
  const urls = await mpesa.resultUrls('refund', refund.id);
  await markTransferSent(deps.db, 'refunds', refund.id);
  const shillings = cents(refund.amount_cents) / 100;
  const remarks = 'Refund';
  const outcome = await sendTransfer(() =>
    refund.method === 'MPESA_REVERSAL'
      ? mpesa.daraja.reverseTransaction({
          transactionId: payment.receipt ?? '',
          amount: shillings,
          remarks,
          ...urls,
        })
      : mpesa.daraja.b2cPayment({
          amount: shillings,
          phone: refund.phone ?? '',
          commandId: 'BusinessPayment',
          remarks,
          occasion: `Refund ${payment.id}`.slice(0, 100),
          originatorConversationId: refund.originator_conversation_id,
          ...urls,
        }),
  );
  return recordSend(deps, 'refunds', refund, outcome, {
    adoptOriginator: true,
    fail: (tx, failure) =>
      settleRefund(tx, refund.id, {
        to: 'FAILED',
        reason: 'initiation_refused',
        failureCode: failure.code,
        failureMessage: failure.message,
      }),
  });
}
