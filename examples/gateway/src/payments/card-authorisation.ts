import type { Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { ProviderName } from '../providers/breakers.js';
import { BuniRefusedError, BuniUnavailableError } from '../providers/buni/buni-client.js';
import {
  captureAuthorizedPayment,
  endAuthorization,
  expiredAuthorizations,
  insertTransition,
  type PaymentRow,
} from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { cents } from '../stores/rows.js';
import { emitPaymentEvent } from '../webhooks/emit-event.js';
import { paymentProviders } from './payment-providers.js';
import { retrievePayment } from './payments.js';
import type { QueryDeps } from './reconcile.js';

/** What authorisations need: the database, jobs and the providers. */
export type CardDeps = QueryDeps;

/** The authorised card payment `id` of the merchant, or a 409 saying why it cannot be. */
async function authorised(deps: CardDeps, merchant: Scope, id: string, verb: string) {
  const payment = await retrievePayment(deps, merchant, id);
  const canCapture =
    paymentProviders[payment.provider as ProviderName]?.capabilities.authorizeThenCapture === true;
  if (payment.status !== 'AUTHORIZED' || !canCapture || !payment.provider_reference) {
    throw new DomainError(
      'INVALID_STATE',
      canCapture
        ? `Only an AUTHORIZED card payment can be ${verb}: this one is ${payment.status}${payment.status === 'COMPLETED' ? ' (captured when charged, or captured already)' : ''}.`
        : `${payment.provider} payments are captured when the customer pays, never ${verb} separately: this one is ${payment.status}.`,
      'payment_id',
    );
  }
  return payment as PaymentRow & { provider_reference: string };
}

/** BUNI's failure as the API answers it: its refusal, or "try again" when it did not answer. */
function providerError(error: unknown, what: string): never {
  if (error instanceof BuniRefusedError)
    throw new DomainError('INVALID_STATE', error.message, 'payment_id');
  if (error instanceof BuniUnavailableError) {
    throw new DomainError(
      'PROVIDER_ERROR',
      `BUNI did not answer the ${what}; nothing changed here. Retry with the same Idempotency-Key: BUNI ${what}s each authorisation once.`,
    );
  }
  throw error;
}

/**
 * Captures all or part of an authorisation: BUNI takes `amountCents` and releases the rest; the
 * payment becomes COMPLETED with that `amount_captured_cents`, and `payment.captured` is sent.
 * More than was authorised is refused before BUNI is asked.
 */
export async function captureCardPayment(
  deps: CardDeps,
  merchant: Scope,
  id: string,
  amountCents: number | undefined,
): Promise<PaymentRow> {
  const payment = await authorised(deps, merchant, id, 'captured');
  const amount = amountCents ?? cents(payment.amount_cents);
  if (amount > cents(payment.amount_cents)) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `amount_cents ${amount} is more than was authorised (${cents(payment.amount_cents)}): capture at most that.`,
      'amount_cents',
    );
  }
  const provider = paymentProviders[payment.provider as ProviderName];
  const takenCents = await (provider.capture as NonNullable<typeof provider.capture>)(
    deps,
    payment,
    amount,
  ).catch((error) => providerError(error, 'capture'));
  // The provider says what it captured (a repeated capture answers the first one's amount).
  const captured = await deps.db.transaction((tx) => recordCapture(tx, id, takenCents));
  if (takenCents !== amount) {
    // Another capture (of another amount) reached BUNI first: this one captured nothing.
    throw new DomainError(
      'INVALID_STATE',
      `This authorisation was captured already, for ${takenCents} cents, by another request: nothing more was captured.`,
      'payment_id',
    );
  }
  return captured ?? (await retrievePayment(deps, merchant, id));
}

/** AUTHORIZED → COMPLETED for what BUNI captured, with its audit row and `payment.captured`. */
async function recordCapture(
  tx: Queryable,
  id: string,
  takenCents: number,
): Promise<PaymentRow | undefined> {
  const row = await captureAuthorizedPayment(tx, id, takenCents);
  if (!row) return undefined;
  await insertTransition(tx, {
    paymentId: id,
    from: 'AUTHORIZED',
    to: 'COMPLETED',
    reason: 'capture',
    data: { captured: takenCents, released: cents(row.amount_cents) - takenCents },
  });
  await emitPaymentEvent(tx, row, 'payment.captured');
  return row;
}

async function end(
  tx: Queryable,
  payment: PaymentRow,
  to: 'CANCELLED' | 'EXPIRED',
): Promise<PaymentRow | undefined> {
  const row = await endAuthorization(
    tx,
    payment.id,
    to,
    to === 'CANCELLED'
      ? { code: 'VOIDED', message: 'The authorisation was voided; nothing was captured.' }
      : {
          code: 'AUTHORIZATION_EXPIRED',
          message: 'The authorisation was not captured in time; the hold was released.',
        },
  );
  if (!row) return undefined;
  await insertTransition(tx, {
    paymentId: payment.id,
    from: 'AUTHORIZED',
    to,
    reason: to === 'CANCELLED' ? 'void' : 'authorization_expired',
  });
  await emitPaymentEvent(tx, row);
  return row;
}

/** Releases an authorisation without capturing: CANCELLED, with `payment.cancelled`. */
export async function voidCardPayment(
  deps: CardDeps,
  merchant: Scope,
  id: string,
): Promise<PaymentRow> {
  const payment = await authorised(deps, merchant, id, 'voided');
  const provider = paymentProviders[payment.provider as ProviderName];
  await (provider.void as NonNullable<typeof provider.void>)(deps, payment).catch((error) =>
    providerError(error, 'void'),
  );
  const voided = await deps.db.transaction((tx) => end(tx, payment, 'CANCELLED'));
  return voided ?? (await retrievePayment(deps, merchant, id));
}

/**
 * The reconciliation sweep's part: authorisations past their hold are released at BUNI and
 * EXPIRED (`payment.expired`). One BUNI cannot release now is tried again on the next sweep; one
 * BUNI refuses to release was captured there meanwhile (a capture whose answer has not been
 * recorded yet) or released already, and ends as BUNI says: COMPLETED for what it captured, or
 * EXPIRED. Returns how many expired.
 */
export async function expireAuthorizations(deps: CardDeps, limit = 100): Promise<number> {
  let expired = 0;
  for (const payment of await expiredAuthorizations(deps.db, limit)) {
    const buni = deps.buni.forMode(payment.mode);
    try {
      await buni.void(payment.provider_reference ?? '');
    } catch (error) {
      if (error instanceof BuniUnavailableError) continue;
      if (!(error instanceof BuniRefusedError)) throw error;
      const charge = await buni.findCharge(payment.id).catch((found: unknown) => {
        if (found instanceof BuniUnavailableError) return 'unknown' as const;
        throw found;
      });
      if (charge === 'unknown') continue;
      if (charge?.status === 'succeeded') {
        await deps.db.transaction((tx) => recordCapture(tx, payment.id, charge.amount_captured));
        continue;
      }
    }
    if (await deps.db.transaction((tx) => end(tx, payment, 'EXPIRED'))) expired++;
  }
  return expired;
}
