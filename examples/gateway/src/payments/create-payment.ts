import type { CreatePaymentRequest } from '@malipo/contract';
import { type DarajaError, isDarajaApiError, isDarajaError, normalizePhone } from '@malipo/daraja';
import { requeueUnmatchedCallbacks } from '../callbacks/requeue-unmatched.js';
import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../http/api-error.js';
import type { AuthedMerchant } from '../http/app-env.js';
import type { IdempotencyScope, StoredResponse } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
import type { Mpesa } from '../mpesa/mpesa.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import { iso, type PaymentRow } from './payment-row.js';
import { settlePayment } from './state-machine.js';

export interface PaymentDeps {
  db: Database;
  jobs: Jobs;
  mpesa: Mpesa;
  config: GatewayConfig;
}

/** The checks Daraja would make, made first so a bad request never becomes a payment. */
function checkMpesaInput(input: CreatePaymentRequest): { phone: string; shillings: number } {
  if (input.currency !== 'KES') {
    throw new ApiError(
      'INVALID_CURRENCY',
      'M-Pesa payments are in KES: set currency to "KES".',
      'currency',
    );
  }
  if (input.amount_cents % 100 !== 0) {
    throw new ApiError(
      'INVALID_AMOUNT',
      'M-Pesa takes whole shillings: amount_cents must be a multiple of 100 (10000 is KES 100).',
      'amount_cents',
    );
  }
  const shillings = input.amount_cents / 100;
  if (shillings > 250_000) {
    throw new ApiError(
      'INVALID_AMOUNT',
      'M-Pesa allows at most KES 250,000 per payment.',
      'amount_cents',
    );
  }
  const raw = input.metadata?.phone_number;
  if (raw === undefined) {
    throw new ApiError(
      'INVALID_PHONE',
      'metadata.phone_number is required for M-Pesa: the customer phone, e.g. 254712345678.',
      'metadata.phone_number',
    );
  }
  try {
    return { phone: normalizePhone(raw), shillings };
  } catch {
    throw new ApiError(
      'INVALID_PHONE',
      'metadata.phone_number must be a Kenyan mobile number: 2547XXXXXXXX or 2541XXXXXXXX (07…, 01… and +254… are accepted).',
      'metadata.phone_number',
    );
  }
}

/**
 * Creates a payment and prompts the customer (STK push). Three steps, each durable: the PENDING
 * payment is committed (and tied to the idempotency key) before Daraja is called; the push result
 * and the early-poll jobs commit together; a push Daraja refuses settles the payment FAILED with
 * its event. Pushes are never retried here: a retry could prompt the customer twice.
 */
export async function createPayment(
  deps: PaymentDeps,
  merchant: AuthedMerchant,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
): Promise<StoredResponse> {
  if (input.provider !== 'MPESA_SAFARICOM') {
    throw new ApiError(
      'INVALID_PROVIDER',
      `${input.provider} is not enabled on this gateway: use MPESA_SAFARICOM.`,
      'provider',
    );
  }
  const { phone, shillings } = checkMpesaInput(input);
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  const { db, jobs, mpesa } = deps;

  if (scope.recoveredResourceId) return recover(deps, scope.recoveredResourceId);

  const id = newId('pay');
  const metadata = input.metadata ?? {};
  const created = await db.transaction(async (tx) => {
    const rows = await tx.query<PaymentRow>(
      `insert into payments (id, merchant_id, mode, status, amount_cents, currency, provider, phone, metadata, callback_url)
       values ($1, $2, $3, 'PENDING', $4, $5, $6, $7, $8, $9) returning *`,
      [
        id,
        merchant.merchantId,
        merchant.mode,
        input.amount_cents,
        input.currency,
        input.provider,
        phone,
        JSON.stringify(metadata),
        input.callback_url ?? null,
      ],
    );
    await tx.query(
      `insert into payment_transitions (payment_id, from_status, to_status, reason) values ($1, null, 'PENDING', 'created')`,
      [id],
    );
    await scope.attach?.(tx, id);
    return rows[0] as PaymentRow;
  });

  try {
    const push = await mpesa.daraja.stkPush({
      amount: shillings,
      phone,
      accountReference: accountReference(metadata.order_reference, id),
      transactionDesc: transactionDesc(metadata.description),
    });
    await db.transaction(async (tx) => {
      // Stored whatever the status: even a payment settled meanwhile must match its callback.
      const pending = await tx.query(
        `update payments set provider_reference = $2, merchant_request_id = $3, updated_at = now()
         where id = $1 and provider_reference is null returning status = 'PENDING' as pending`,
        [id, push.checkoutRequestId, push.merchantRequestId],
      );
      await requeueUnmatchedCallbacks(tx, jobs, push.checkoutRequestId);
      if (!(pending[0] as { pending: boolean } | undefined)?.pending) return;
      await jobs.sendMany(
        queues.poll,
        deps.config.pollScheduleSeconds.map((seconds) => ({
          data: { paymentId: id },
          startAfterSeconds: seconds,
        })),
        { tx },
      );
    });
    return {
      status: 201,
      body: {
        success: true,
        payment_id: id,
        status: 'PENDING',
        provider_reference: push.checkoutRequestId,
        created_at: iso(created.created_at),
      },
    };
  } catch (error) {
    if (!isDarajaError(error)) throw error;
    const refused = pushRefused(error);
    await db.transaction((tx) =>
      settlePayment(tx, jobs, id, {
        to: 'FAILED',
        reason: refused ? 'initiation_failed' : 'initiation_unconfirmed',
        failureCode: refused ? error.code : 'PROVIDER_UNCONFIRMED',
        failureMessage: refused
          ? error.message
          : `M-Pesa did not confirm the payment request (${error.code}); if the customer is prompted anyway and pays, the payment is flagged for review.`,
      }),
    );
    return {
      status: 502,
      body: {
        success: false,
        error: {
          code: 'PROVIDER_ERROR',
          message: refused
            ? `M-Pesa refused the payment request: ${error.message}`
            : `M-Pesa did not confirm the payment request: ${error.message}`,
          field: null,
          payment_id: id,
        },
      },
    };
  }
}

/**
 * An earlier attempt with this key died (or outlived its lock) after committing the payment. Its
 * push either went out (the reference is stored) or its fate is unknown: then the payment fails
 * rather than risk a second prompt. Should that attempt still be running and its push succeed,
 * it stores the reference anyway, and a success callback flags the payment for review.
 */
async function recover(deps: PaymentDeps, paymentId: string): Promise<StoredResponse> {
  const rows = await deps.db.query<PaymentRow>('select * from payments where id = $1', [paymentId]);
  const payment = rows[0] as PaymentRow;
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
  const current = (
    await deps.db.query<PaymentRow>('select * from payments where id = $1', [paymentId])
  )[0] as PaymentRow;
  return {
    status: 201,
    body: {
      success: true,
      payment_id: current.id,
      status: current.status,
      provider_reference: current.provider_reference,
      created_at: iso(current.created_at),
    },
  };
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
