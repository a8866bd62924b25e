import type { CreatePaymentRequest } from '@malipo/contract';
import { type CardInput, checkCard } from '../cards/card-input.js';
import { DomainError } from '../errors/domain-error.js';
import { ProviderSkippedError } from '../providers/breakers.js';
import { BuniRefusedError, BuniUnavailableError } from '../providers/buni/buni-client.js';
import { findPayment, type PaymentRow, schedulePolls } from '../stores/payments-store.js';
import { cents, type Scope } from '../stores/rows.js';
import { settleCardCharge } from './card-settlement.js';
import type { PaymentDeps } from './create-payment.js';
import type { ProviderOutcome } from './provider-outcome.js';
import { settlePayment } from './state-machine.js';

/** A card request checked for BUNI: the card (in memory only) and what the charge needs. */
export interface PreparedCard {
  card: CardInput;
  capture: boolean;
}

/** The largest card charge, in minor units: eight digits, as the card networks' gateways take. */
const maxCardAmountCents = 99_999_999;

/** BUNI's checks, made before anything is stored: the currency and the card, field by field. */
export function prepareCard(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
): PreparedCard {
  deps.buni.forMode(merchant.mode);
  if (!/^[A-Z]{3}$/.test(input.currency)) {
    throw new DomainError(
      'INVALID_CURRENCY',
      'currency must be an ISO 4217 code such as "KES".',
      'currency',
    );
  }
  if (input.amount_cents > maxCardAmountCents) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `A card payment is at most ${maxCardAmountCents} in minor units (999,999.99 in the currency); split a larger amount.`,
      'amount_cents',
    );
  }
  return { card: checkCard(input.card, merchant.mode), capture: input.capture_method !== 'manual' };
}

/** What is kept of a card on the payment row. */
export const cardColumns = ({ card }: PreparedCard) => ({
  brand: card.brand,
  last4: card.last4,
  expMonth: card.expMonth,
  expYear: card.expYear,
});

/** BUNI failed to answer in a way that counts against its circuit. */
const buniDown = (error: unknown) => error instanceof BuniUnavailableError;

/**
 * Charges the card of a committed PENDING payment and settles it by BUNI's answer. A charge whose
 * fate is unknown (BUNI down or slow) leaves the payment PENDING: the polls and reconciliation
 * ask BUNI until it knows. With `mayFallBack`, a BUNI that certainly made no charge (the
 * connection never opened, its circuit is open, or it answered a 5xx and holds no charge for the
 * payment) is answered `down`.
 */
export async function chargeCard(
  deps: PaymentDeps,
  merchant: Scope,
  created: PaymentRow,
  prepared: PreparedCard,
  options: { mayFallBack: boolean },
): Promise<ProviderOutcome> {
  const { id } = created;
  const buni = deps.buni.forMode(merchant.mode);
  try {
    const charge = await deps.breakers.run('BUNI', merchant.mode, buniDown, () =>
      buni.charge({
        reference: id,
        amountCents: cents(created.amount_cents),
        currency: created.currency,
        card: prepared.card,
        capture: prepared.capture,
      }),
    );
    const settled = await deps.db.transaction((tx) =>
      settleCardCharge(tx, id, charge, 'charge', deps.buni.authorizationSeconds),
    );
    return {
      kind: 'created',
      payment: settled ?? ((await findPayment(deps.db, id)) as PaymentRow),
    };
  } catch (error) {
    if (error instanceof BuniRefusedError || error instanceof ProviderSkippedError) {
      if (error instanceof ProviderSkippedError && options.mayFallBack) {
        return { kind: 'down', reason: error.message };
      }
      const failed = await deps.db.transaction((tx) =>
        settlePayment(tx, id, {
          to: 'FAILED',
          reason: 'initiation_failed',
          failureCode: error instanceof ProviderSkippedError ? 'PROVIDER_DOWN' : 'PROVIDER_REFUSED',
          failureMessage: error.message,
        }),
      );
      return { kind: 'provider_failed', payment: failed ?? created, message: error.message };
    }
    if (!(error instanceof BuniUnavailableError)) throw error;
    if (options.mayFallBack && (await certainlyNotCharged(buni, id, error))) {
      return { kind: 'down', reason: `BUNI is down: ${error.message}` };
    }
    // Unknown: the charge may exist. Ask again soon; reconciliation settles it in the end.
    await schedulePolls(deps.db, id, deps.config.pollScheduleSeconds);
    return { kind: 'created', payment: created };
  }
}

/** True only when BUNI certainly holds no charge for the payment. */
async function certainlyNotCharged(
  buni: ReturnType<PaymentDeps['buni']['forMode']>,
  reference: string,
  error: BuniUnavailableError,
): Promise<boolean> {
  if (error.neverSent) return true;
  // The request is over (BUNI answered): a lookup by reference settles whether it charged.
  if (!error.answered) return false;
  return (await buni.findCharge(reference).catch(() => 'unknown' as const)) === undefined;
}
