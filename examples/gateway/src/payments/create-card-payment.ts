import type { CreatePaymentRequest } from '@malipo/contract';
import { checkCard } from '../cards/card-input.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import { queues } from '../jobs/queues.js';
import { BuniRefusedError, BuniUnavailableError } from '../providers/buni/buni-client.js';
import { findPayment, insertPayment, type PaymentRow } from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import { settleCardCharge } from './card-settlement.js';
import type { CreatePaymentOutcome, PaymentDeps } from './create-payment.js';
import { settlePayment } from './state-machine.js';

/**
 * A card payment through BUNI, captured at once. The card is checked first (Luhn, expiry, CVV,
 * the test cards in test mode); the PENDING payment commits, with only the card's brand, last
 * four digits and expiry, before BUNI is asked; the charge is keyed by the payment id, so asking
 * again after a timeout can never charge twice. A charge whose fate is unknown (BUNI down or
 * slow) leaves the payment PENDING: the polls and reconciliation ask BUNI until it knows.
 */
export async function createCardPayment(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
): Promise<CreatePaymentOutcome> {
  const buni = deps.buni.forMode(merchant.mode);
  if (!/^[A-Z]{3}$/.test(input.currency)) {
    throw new DomainError(
      'INVALID_CURRENCY',
      'currency must be an ISO 4217 code such as "KES".',
      'currency',
    );
  }
  const card = checkCard(input.card, merchant.mode);
  if (input.capture_method && input.provider !== 'BUNI') {
    throw new DomainError(
      'INVALID_REQUEST',
      'capture_method is for card payments.',
      'capture_method',
    );
  }
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  if (scope.recoveredResourceId) {
    return {
      kind: 'created',
      payment: (await findPayment(deps.db, scope.recoveredResourceId)) as PaymentRow,
    };
  }
  const id = newId('pay');
  const created = await deps.db.transaction(async (tx) => {
    const payment = await insertPayment(tx, {
      id,
      merchantId: merchant.merchantId,
      mode: merchant.mode,
      amountCents: input.amount_cents,
      currency: input.currency,
      provider: 'BUNI',
      phone: null,
      metadata: input.metadata ?? {},
      callbackUrl: input.callback_url ?? null,
      card: {
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
      },
    });
    await scope.attach?.(tx, id);
    return payment;
  });
  try {
    const charge = await buni.charge({
      reference: id,
      amountCents: input.amount_cents,
      currency: input.currency,
      card,
      capture: input.capture_method !== 'manual',
    });
    const settled = await deps.db.transaction((tx) =>
      settleCardCharge(tx, deps.jobs, id, charge, 'charge', deps.buni.authorizationSeconds),
    );
    return {
      kind: 'created',
      payment: settled ?? ((await findPayment(deps.db, id)) as PaymentRow),
    };
  } catch (error) {
    if (error instanceof BuniRefusedError) {
      const failed = await deps.db.transaction((tx) =>
        settlePayment(tx, deps.jobs, id, {
          to: 'FAILED',
          reason: 'initiation_failed',
          failureCode: 'PROVIDER_REFUSED',
          failureMessage: error.message,
        }),
      );
      return { kind: 'provider_failed', payment: failed ?? created, message: error.message };
    }
    if (!(error instanceof BuniUnavailableError)) throw error;
    // Unknown: the charge may exist. Ask again soon; reconciliation settles it in the end.
    await deps.jobs.sendMany(
      queues.poll,
      deps.config.pollScheduleSeconds.map((seconds) => ({
        data: { paymentId: id, merchantId: merchant.merchantId, mode: merchant.mode },
        startAfterSeconds: seconds,
      })),
    );
    return { kind: 'created', payment: created };
  }
}
