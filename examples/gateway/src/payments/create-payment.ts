import type { CreatePaymentRequest } from '@malipo/contract';
import { type DarajaError, isDarajaApiError, isDarajaError, normalizePhone } from '@malipo/daraja';
import type { GatewayConfig } from '../config/config.js';
import type { Database, Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import { safeErrorText } from '../mpesa/safe-error-text.js';
import type { BuniModes } from '../providers/buni/buni.js';
import { resetUnmatchedCallbacks } from '../stores/callbacks-store.js';
import {
  findPayment,
  insertPayment,
  type PaymentRow,
  storeProviderReference,
} from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import { emitPaymentEvent } from '../webhooks/emit-event.js';
import { createCardPayment } from './create-card-payment.js';
import { settlePayment } from './state-machine.js';

export interface PaymentDeps {
  db: Database;
  jobs: Jobs;
  mpesa: MpesaModes;
  buni: BuniModes;
  config: GatewayConfig;
}

/** How creating a payment ended. */
export type CreatePaymentOutcome =
  /** The payment exists (PENDING with the customer prompted, or as an interrupted attempt left it). */
  | { kind: 'created'; payment: PaymentRow }
  /** The provider refused the request, or never confirmed it: the payment is FAILED. */
  | { kind: 'provider_failed'; payment: PaymentRow; message: string };

/** A payment started as an attempt of a hosted checkout session. */
export interface CheckoutAttempt {
  checkoutSessionId: string;
  /**
   * Runs in the payment's insert transaction before the insert: locks the session and refuses
   * (throwing) when it cannot take another attempt, so the check and the insert are one step.
   */
  claim(tx: Queryable): Promise<void>;
}

/** The checks Daraja would make, made first so a bad request never becomes a payment. */
function checkMpesaInput(input: CreatePaymentRequest): { phone: string; shillings: number } {
  if (input.currency !== 'KES') {
    throw new DomainError(
      'INVALID_CURRENCY',
      'M-Pesa payments are in KES: set currency to "KES".',
      'currency',
    );
  }
  if (input.amount_cents % 100 !== 0) {
    throw new DomainError(
      'INVALID_AMOUNT',
      'M-Pesa takes whole shillings: amount_cents must be a multiple of 100 (10000 is KES 100).',
      'amount_cents',
    );
  }
  const shillings = input.amount_cents / 100;
  if (shillings > 250_000) {
    throw new DomainError(
      'INVALID_AMOUNT',
      'M-Pesa allows at most KES 250,000 per payment.',
      'amount_cents',
    );
  }
  const raw = input.metadata?.phone_number;
  if (raw === undefined) {
    throw new DomainError(
      'INVALID_PHONE',
      'metadata.phone_number is required for M-Pesa: the customer phone, e.g. 254712345678.',
      'metadata.phone_number',
    );
  }
  try {
    return { phone: normalizePhone(raw), shillings };
  } catch {
    throw new DomainError(
      'INVALID_PHONE',
      'metadata.phone_number must be a Kenyan mobile number: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
      'metadata.phone_number',
    );
  }
}

/**
 * Creates a payment and prompts the customer (STK push). Three steps, each durable: the PENDING
 * payment is committed (and tied to the idempotency key) before Daraja is called; the push result,
 * the `payment.pending` event and the early-poll jobs commit together; a push Daraja refuses
 * settles the payment FAILED with its event. Pushes are never retried here: a retry could prompt
 * the customer twice.
 */
export async function createPayment(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
  attempt?: CheckoutAttempt,
): Promise<CreatePaymentOutcome> {
  if (input.provider === 'BUNI' && !attempt) return createCardPayment(deps, merchant, input, scope);
  if (input.provider !== 'MPESA_SAFARICOM') {
    throw new DomainError(
      'INVALID_PROVIDER',
      input.provider === 'KAREENHUB'
        ? 'KAREENHUB is not available on this gateway: it publishes no API a gateway can integrate with. Use MPESA_SAFARICOM or BUNI (cards).'
        : `${input.provider} is not available on this gateway: use MPESA_SAFARICOM or BUNI.`,
      'provider',
    );
  }
  if (input.capture_method) {
    throw new DomainError(
      'INVALID_REQUEST',
      'capture_method is for card payments (BUNI): M-Pesa payments are captured when the customer pays.',
      'capture_method',
    );
  }
  if (input.card) {
    throw new DomainError(
      'INVALID_REQUEST',
      'card is for BUNI card payments: remove it, or set provider to BUNI.',
      'card',
    );
  }
  const { phone, shillings } = checkMpesaInput(input);
  // A live key without production credentials stops here, before anything is stored.
  const mpesa = deps.mpesa.forMode(merchant.mode);
  // Past its share of the Daraja budget a merchant waits, never the others.
  await mpesa.takeMerchantShare(merchant);
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  const { db, jobs } = deps;

  if (scope.recoveredResourceId) return recover(deps, scope.recoveredResourceId);

  const id = newId('pay');
  const metadata = input.metadata ?? {};
  const created = await db.transaction(async (tx) => {
    await attempt?.claim(tx);
    const payment = await insertPayment(tx, {
      id,
      merchantId: merchant.merchantId,
      mode: merchant.mode,
      amountCents: input.amount_cents,
      currency: input.currency,
      provider: input.provider,
      phone,
      metadata,
      callbackUrl: input.callback_url ?? null,
      checkoutSessionId: attempt?.checkoutSessionId ?? null,
    });
    await scope.attach?.(tx, id);
    return payment;
  });

  try {
    const push = await mpesa.daraja.stkPush({
      callbackUrl: await mpesa.callbackUrl(),
      amount: shillings,
      phone,
      accountReference: accountReference(metadata.order_reference, id),
      transactionDesc: transactionDesc(metadata.description),
    });
    const accepted = await db.transaction(async (tx) => {
      const stored = await storeProviderReference(
        tx,
        id,
        push.checkoutRequestId,
        push.merchantRequestId,
      );
      // A callback that beat this commit found no payment: process it again once this commits.
      const unmatched = await resetUnmatchedCallbacks(tx, push.checkoutRequestId);
      await jobs.sendMany(
        queues.callback,
        unmatched.map((callbackId) => ({ data: { callbackId } })),
        { tx },
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
      payment: accepted ?? { ...created, provider_reference: push.checkoutRequestId },
    };
  } catch (error) {
    if (!isDarajaError(error)) throw error;
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
 * An earlier attempt with this key died (or outlived its lock) after committing the payment. Its
 * push either went out (the reference is stored) or its fate is unknown: then the payment fails
 * rather than risk a second prompt. Should that attempt still be running and its push succeed,
 * it stores the reference anyway, and a success callback flags the payment for review.
 */
async function recover(deps: PaymentDeps, paymentId: string): Promise<CreatePaymentOutcome> {
  const payment = (await findPayment(deps.db, paymentId)) as PaymentRow;
  if (payment.provider_reference === null && payment.status === 'PENDING') {
    await deps.db.transaction((tx) =>
      settlePayment(tx, deps.jobs, paymentId, {
        to: 'FAILED',
        reason: 'initiation_interrupted',
        failureCode: 'INITIATION_INTERRUPTED',
        failureMessage:
          'The gateway stopped while sending the payment request; start a new payment.',
      }),
    );
  }
  return { kind: 'created', payment: (await findPayment(deps.db, paymentId)) as PaymentRow };
}

/**
 * True when Daraja certainly did not start the push: it answered with its own error (envelope or
 * proxy fault), refused the token, or the input was refused locally. A timeout, a dropped
 * connection, a gateway error page or a malformed success leave the outcome unknown.
 */
function pushRefused(error: DarajaError): boolean {
  if (error.code === 'invalid_input' || error.code === 'auth_failed') return true;
  if (!isDarajaApiError(error)) return false;
  return error.bodyKind === 'envelope' || error.bodyKind === 'fault' || error.status < 500;
}

/** Daraja's AccountReference: at most 12 characters, shown to the customer. */
function accountReference(orderReference: unknown, id: string): string {
  const ref =
    typeof orderReference === 'string' ? orderReference.replace(/[^A-Za-z0-9-]/g, '') : '';
  return (ref || id.slice(-12)).slice(0, 12);
}

/** Daraja's TransactionDesc: 1 to 13 characters. */
function transactionDesc(description: unknown): string {
  const text = typeof description === 'string' ? description.replace(/[^\w .,-]/g, '').trim() : '';
  return (text || 'Payment').slice(0, 13);
}
