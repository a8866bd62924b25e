import type { CreatePayoutRequest } from '@malipo/contract';
import { checkAccountCovers, merchantBalanceShort } from '../balance/account-cover.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import { lockMerchantLedger, merchantAvailableCents } from '../stores/ledger-store.js';
import { insertPayout, type PayoutRow } from '../stores/payouts-store.js';
import { findTransfer, markTransferSent } from '../stores/transfers-store.js';
import { b2cShillingsOf, phoneOf } from '../transfers/amounts.js';
import { recordSend } from '../transfers/record-send.js';
import { sendTransfer } from '../transfers/send-outcome.js';
import type { SendResult, TransferDeps } from '../transfers/transfer.js';
import { checkWebhookUrl } from '../webhooks/destination.js';
import { settlePayout } from './payout-state.js';

/**
 * Sends a payout over M-Pesa B2C. The PENDING payout is committed first, with the merchant's
 * balance checked under a lock on the merchant (so concurrent payouts never spend the same
 * money), and tied to the idempotency key; then Daraja is asked. Its OriginatorConversationID is
 * the payout id, so a retry after a crash sends the same request again and Daraja refuses it as a
 * duplicate if the first got there: a payout is never sent twice.
 */
export async function createPayout(
  deps: TransferDeps,
  merchant: AuthenticatedMerchant,
  input: CreatePayoutRequest,
  scope: IdempotencyScope,
): Promise<SendResult<PayoutRow>> {
  if (input.currency !== 'KES') {
    throw new DomainError(
      'INVALID_CURRENCY',
      'M-Pesa payouts are in KES: set currency to "KES".',
      'currency',
    );
  }
  const shillings = b2cShillingsOf(input.amount_cents, 'amount_cents', 'payouts');
  const phone = phoneOf(input.recipient.phone_number, 'recipient.phone_number');
  const mpesa = deps.mpesa.forMode(merchant.mode);
  mpesa.requireInitiator();
  await mpesa.takeMerchantShare(merchant);
  if (input.callback_url) {
    await checkWebhookUrl(input.callback_url, deps.config.allowPrivateWebhookUrls, 'callback_url');
  }
  const { db } = deps;
  if (scope.recoveredResourceId) {
    const recovered = (await findTransfer(db, 'payouts', scope.recoveredResourceId)) as PayoutRow;
    // The interrupted attempt may or may not have reached Daraja: send the same request again.
    return recovered.status === 'PENDING' && recovered.provider_reference === null
      ? send(deps, recovered, shillings, input.description)
      : { kind: 'sent', row: recovered };
  }
  const id = newId('po');
  const payout = await db.transaction(async (tx) => {
    await lockMerchantLedger(tx, merchant.merchantId);
    await checkAccountCovers(tx, merchant.mode, input.amount_cents, 'payout');
    const available = await merchantAvailableCents(tx, merchant, 'KES');
    if (available < BigInt(input.amount_cents))
      throw merchantBalanceShort(available, input.amount_cents);
    const row = await insertPayout(tx, {
      id,
      scope: merchant,
      amountCents: input.amount_cents,
      currency: input.currency,
      phone,
      recipientName: input.recipient.name ?? null,
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      callbackUrl: input.callback_url ?? null,
      originatorConversationId: id,
    });
    await scope.attach?.(tx, id);
    return row;
  });
  return send(deps, payout, shillings, input.description);
}

async function send(
  deps: TransferDeps,
  payout: PayoutRow,
  shillings: number,
  description: string | undefined,
): Promise<SendResult<PayoutRow>> {
  const mpesa = deps.mpesa.forMode(payout.mode);
  const urls = await mpesa.resultUrls('payout', payout.id);
  await markTransferSent(deps.db, 'payouts', payout.id);
  const outcome = await sendTransfer(() =>
    mpesa.daraja.b2cPayment({
      amount: shillings,
      phone: payout.phone,
      commandId: 'BusinessPayment',
      remarks: remarksOf(description),
      originatorConversationId: payout.originator_conversation_id,
      ...urls,
    }),
  );
  return recordSend(deps, 'payouts', payout, outcome, {
    adoptOriginator: false,
    fail: (tx, failure) =>
      settlePayout(tx, payout.id, {
        to: 'FAILED',
        reason: 'initiation_refused',
        failureCode: failure.code,
        failureMessage: failure.message,
      }),
  });
}

/** B2C's Remarks: 2 to 100 characters. */
function remarksOf(description: string | undefined): string {
  const text = (description ?? '').replace(/[^\w .,-]/g, '').trim();
  return text.length >= 2 ? text.slice(0, 100) : 'Payout';
}
