import type { CreatePaymentRequest } from '@malipo/contract';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { ProviderName } from '../providers/breakers.js';
import {
  findPayment,
  insertPayment,
  insertTransition,
  type PaymentRow,
  switchPaymentProvider,
} from '../stores/payments-store.js';
import type { Scope } from '../stores/rows.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import type { CreatePaymentOutcome, PaymentDeps } from './create-payment.js';
import { paymentProviders } from './payment-providers.js';
import { type PendingPayment, untilStored } from './until-stored.js';

/**
 * A payment through its provider, or through several acceptable ones, in order (a card payment
 * is the one-provider case: BUNI charges at once, or authorises with `capture_method: manual`,
 * keyed by the payment id so asking again can never charge twice). Every provider's checks run
 * first (any of them may take it); the PENDING payment commits once; then each provider is tried
 * in turn, and the next only when one was down before it acted (unreachable, a 5xx of its own,
 * its circuit open) — never after a customer may have been prompted or charged. Each provider
 * that was down is recorded on the payment's audit trail, and the payment names the one that
 * took it.
 */
export async function createWithFallback(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
  choices: ProviderName[],
): Promise<CreatePaymentOutcome> {
  // Every listed provider's checks first: any of them may take the payment.
  const prepared = choices.map((name) => paymentProviders[name].prepare(deps, merchant, input));
  const giveBack = choices.includes('MPESA_SAFARICOM')
    ? await deps.mpesa.forMode(merchant.mode).takeMerchantShare(merchant)
    : () => {};
  const stored = await untilStored(giveBack, () =>
    storePending(deps, merchant, input, scope, choices, prepared),
  );
  if (stored.kind === 'recovered') return stored.outcome;
  let { payment } = stored;
  const { id } = payment;
  for (const [i, provider] of choices.entries()) {
    const mayFallBack = i < choices.length - 1;
    const outcome = await paymentProviders[provider].initiate(
      deps,
      merchant,
      payment,
      prepared[i],
      input,
      { mayFallBack },
    );
    if (outcome.kind !== 'down') return outcome;
    const next = choices[i + 1] as ProviderName;
    payment = await deps.db.transaction(async (tx) => {
      await insertTransition(tx, {
        paymentId: id,
        from: 'PENDING',
        to: 'PENDING',
        reason: 'provider_down',
        data: { provider, reason: outcome.reason, next },
      });
      return (await switchPaymentProvider(tx, id, next)) as PaymentRow;
    });
  }
  throw new Error('the last provider never answers down');
}

/** The PENDING payment committed and tied to the key, or what an interrupted attempt left. */
async function storePending(
  deps: PaymentDeps,
  merchant: Scope,
  input: CreatePaymentRequest,
  scope: IdempotencyScope,
  choices: ProviderName[],
  prepared: unknown[],
): Promise<PendingPayment> {
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  if (scope.recoveredResourceId) {
    // An earlier attempt with this key died: its payment as it stands (polls and
    // reconciliation settle one whose provider was asked).
    const payment = (await findPayment(deps.db, scope.recoveredResourceId)) as PaymentRow;
    return { kind: 'recovered', outcome: { kind: 'created', payment } };
  }
  const id = newId('pay');
  const payment = await deps.db.transaction(async (tx) => {
    // The key first: a key another request has refuses this one before anything is written.
    await scope.attach?.(tx, id);
    return (await insertPayment(tx, {
      id,
      merchantId: merchant.merchantId,
      mode: merchant.mode,
      amountCents: input.amount_cents,
      currency: input.currency,
      provider: choices[0] as ProviderName,
      phone: null,
      metadata: input.metadata ?? {},
      callbackUrl: input.callback_url ?? null,
      ...Object.assign(
        {},
        ...choices.map((name, i) => paymentProviders[name].columns(prepared[i])),
      ),
    })) as PaymentRow;
  });
  return { kind: 'stored', payment };
}
