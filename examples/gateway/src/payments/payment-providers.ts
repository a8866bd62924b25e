import type { CreatePaymentRequest } from '@malipo/contract';
import type { ProviderName } from '../providers/breakers.js';
import type { NewPayment, PaymentRow } from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { cardColumns, chargeCard, type PreparedCard, prepareCard } from './card-charge.js';
import { checkMpesaInput, type PaymentDeps } from './create-payment.js';
import { pushStk } from './mpesa-push.js';
import type { ProviderOutcome } from './provider-outcome.js';
import {
  type QueryDeps,
  type QueryOptions,
  queryCardPayment,
  queryStkPayment,
} from './reconcile.js';

/** What a provider does beyond taking a payment. */
export interface ProviderCapabilities {
  /** Authorise now, capture (all or part) or void later. */
  authorizeThenCapture: boolean;
  refund: boolean;
  payout: boolean;
}

/**
 * A payment provider as the gateway drives it: its checks of a create request (before anything
 * is stored), what the payment row keeps for it, and the attempt itself, which answers `down`
 * (with `mayFallBack`) only when the provider failed before it could prompt or charge anyone.
 * A new provider is one implementation of this, added to {@link paymentProviders}.
 */
export interface PaymentProvider<Prepared = unknown> {
  readonly name: ProviderName;
  readonly capabilities: ProviderCapabilities;
  prepare(deps: PaymentDeps, merchant: Scope, input: CreatePaymentRequest): Prepared;
  columns(prepared: Prepared): Partial<Pick<NewPayment, 'phone' | 'card'>>;
  initiate(
    deps: PaymentDeps,
    merchant: Scope,
    payment: PaymentRow,
    prepared: Prepared,
    input: CreatePaymentRequest,
    options: { mayFallBack: boolean },
  ): Promise<ProviderOutcome>;
  /** Asks the provider about a PENDING payment and settles it when it knows the outcome. */
  query(
    deps: QueryDeps,
    payment: PaymentRow,
    reason: 'query' | 'poll' | 'reconciliation',
    options: QueryOptions,
  ): Promise<PaymentRow | undefined>;
  /** Captures `amountCents` of an authorisation (authorise-then-capture providers): the amount taken. */
  capture?(deps: QueryDeps, payment: PaymentRow, amountCents: number): Promise<number>;
  /** Releases an authorisation (authorise-then-capture providers). */
  void?(deps: QueryDeps, payment: PaymentRow): Promise<void>;
}

type MpesaPrepared = ReturnType<typeof checkMpesaInput>;

const mpesa: PaymentProvider<MpesaPrepared> = {
  name: 'MPESA_SAFARICOM',
  capabilities: { authorizeThenCapture: false, refund: true, payout: true },
  prepare(deps, merchant, input) {
    // A live key without production credentials stops here (forMode refuses).
    deps.mpesa.forMode(merchant.mode);
    return checkMpesaInput(input);
  },
  columns: (prepared) => ({ phone: prepared.phone }),
  initiate: (deps, merchant, payment, prepared, input, options) =>
    pushStk(deps, merchant, payment, { ...prepared, metadata: input.metadata ?? {} }, options),
  query: queryStkPayment,
};

const buni: PaymentProvider<PreparedCard> = {
  name: 'BUNI',
  capabilities: { authorizeThenCapture: true, refund: true, payout: false },
  prepare: prepareCard,
  columns: (prepared) => ({ card: cardColumns(prepared) }),
  initiate: (deps, merchant, payment, prepared, _input, options) =>
    chargeCard(deps, merchant, payment, prepared, options),
  query: (deps, payment, reason) => queryCardPayment(deps, payment, reason),
  async capture(deps, payment, amountCents) {
    const charge = await deps.buni
      .forMode(payment.mode)
      .capture(payment.provider_reference ?? '', amountCents);
    // A repeated capture answers the first one's amount.
    return charge.amount_captured;
  },
  async void(deps, payment) {
    await deps.buni.forMode(payment.mode).void(payment.provider_reference ?? '');
  },
};

/** Every provider this gateway has, by the contract's name. */
export const paymentProviders: Record<ProviderName, PaymentProvider> = {
  MPESA_SAFARICOM: mpesa as PaymentProvider,
  BUNI: buni as PaymentProvider,
};
