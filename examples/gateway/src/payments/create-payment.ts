import type { CreatePaymentRequest } from '@malipo/contract';
import { normalizePhone } from '@malipo/daraja';
import type { GatewayConfig } from '../config/config.js';
import type { Database, Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import { type IdempotencyScope, keyLost } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import type { ProviderBreakers } from '../providers/breakers.js';
import type { BuniModes } from '../providers/buni/buni.js';
import { findPayment, insertPayment, type PaymentRow } from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import { createWithFallback } from './create-with-fallback.js';
import { pushStk } from './mpesa-push.js';
import { settlePayment } from './state-machine.js';
import { type PendingPayment, untilStored } from './until-stored.js';

export interface PaymentDeps {
  db: Database;
  jobs: Jobs;
  mpesa: MpesaModes;
  buni: BuniModes;
  /** One circuit breaker per provider and mode. */
  breakers: ProviderBreakers;
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
export function checkMpesaInput(input: CreatePaymentRequest): { phone: string; shillings: number } {
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
 * the `payment.pending` event and the first early poll commit together; a push Daraja refuses
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
  const choices = providerChoices(input);
  if (input.capture_method && !choices.includes('BUNI')) {
    throw new DomainError(
      'INVALID_REQUEST',
      'capture_method is for card payments (BUNI): M-Pesa payments are captured when the customer pays.',
      'capture_method',
    );
  }
  if (input.card && !choices.includes('BUNI')) {
    throw new DomainError(
      'INVALID_REQUEST',
      'card is for BUNI card payments: remove it, or set provider to BUNI.',
      'card',
    );
  }
  if (choices.length > 1 || choices[0] === 'BUNI') {
    if (attempt) throw new Error('hosted checkout attempts use M-Pesa alone');
    // One provider whose circuit is open: refused before anything is stored.
    if (choices.length === 1) deps.breakers.refuseIfOpen('BUNI', merchant.mode);
    return createWithFallback(deps, merchant, input, scope, choices);
  }
  // One provider whose circuit is open: refused before anything is stored.
  deps.breakers.refuseIfOpen('MPESA_SAFARICOM', merchant.mode);
  const { phone, shillings } = checkMpesaInput(input);
  // A live key without production credentials stops here, before anything is stored.
  const mpesa = deps.mpesa.forMode(merchant.mode);
  // Past its share of the Daraja budget a merchant waits, never the others.
  const giveBack = await mpesa.takeMerchantShare(merchant);
  const created = await untilStored(giveBack, () =>
    storePending(deps, merchant, input, scope, { phone, attempt }),
  );
  if (created.kind === 'recovered') return created.outcome;

  const outcome = await pushStk(
    deps,
    merchant,
    created.payment,
    { phone, shillings, metadata: input.metadata ?? {} },
    // A checkout attempt's answer is the session's, never this payment's view.
    { mayFallBack: false, answer: attempt ? undefined : scope.answer },
  );
  if (outcome.kind === 'down') throw new Error('a push without fallback never answers down');
  return outcome;
}

/** The PENDING payment committed and tied to the key, or what an interrupted attempt left. */
async function storePending(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
  { phone, attempt }: { phone: string; attempt: CheckoutAttempt | undefined },
): Promise<PendingPayment> {
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  const { db } = deps;

  if (scope.recoveredResourceId) {
    return { kind: 'recovered', outcome: await recover(deps, scope.recoveredResourceId) };
  }

  const id = newId('pay');
  const metadata = input.metadata ?? {};
  const payment = {
    id,
    merchantId: merchant.merchantId,
    mode: merchant.mode,
    amountCents: input.amount_cents,
    currency: input.currency,
    provider: 'MPESA_SAFARICOM',
    phone,
    metadata,
    callbackUrl: input.callback_url ?? null,
    checkoutSessionId: attempt?.checkoutSessionId ?? null,
  };
  // Through the API, one statement stores the payment and ties it to the key (no transaction);
  // a checkout attempt claims its session in the same transaction.
  const created = attempt
    ? await db.transaction(async (tx) => {
        await attempt.claim(tx);
        const row = (await insertPayment(tx, payment)) as PaymentRow;
        await scope.attach?.(tx, id);
        return row;
      })
    : await insertPayment(db, payment, scope.fence);
  if (!created) throw keyLost();
  return { kind: 'stored', payment: created };
}

/** The providers a request names, in order, each one this gateway has. */
export function providerChoices(input: CreatePaymentRequest): ('MPESA_SAFARICOM' | 'BUNI')[] {
  const listed = input.providers ?? (input.provider ? [input.provider] : []);
  if (listed.length === 0) {
    throw new DomainError(
      'INVALID_PROVIDER',
      'provider is required: MPESA_SAFARICOM or BUNI (or providers, a list in order of preference).',
      'provider',
    );
  }
  if (input.provider && input.providers && input.providers[0] !== input.provider) {
    throw new DomainError(
      'INVALID_PROVIDER',
      'Give provider or providers, not both (providers[0] is the first choice).',
      'providers',
    );
  }
  if (new Set(listed).size !== listed.length) {
    throw new DomainError('INVALID_PROVIDER', 'providers lists a provider twice.', 'providers');
  }
  const field = input.providers ? 'providers' : 'provider';
  for (const provider of listed) {
    if (provider === 'KAREENHUB') {
      throw new DomainError(
        'INVALID_PROVIDER',
        'KAREENHUB is not available on this gateway: it publishes no API a gateway can integrate with. Use MPESA_SAFARICOM or BUNI (cards).',
        field,
      );
    }
    if (provider !== 'MPESA_SAFARICOM' && provider !== 'BUNI') {
      throw new DomainError(
        'INVALID_PROVIDER',
        `${provider} is not available on this gateway: use MPESA_SAFARICOM or BUNI.`,
        field,
      );
    }
  }
  return listed as ('MPESA_SAFARICOM' | 'BUNI')[];
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
      settlePayment(tx, paymentId, {
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
