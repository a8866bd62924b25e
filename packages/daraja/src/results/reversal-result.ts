import type { DarajaResult } from './parse-result.js';
import { parameterReader } from './values.js';

/** The values of a reversal result. */
export interface ReversalResultDetails {
  /** `OriginalTransactionID`: the receipt that was reversed. */
  originalTransactionId: string | undefined;
  /** `Amount` reversed, in integer cents. */
  amountCents: number | undefined;
  /** `Charge`, in integer cents. */
  chargeCents: number | undefined;
  /** `TransCompletedTime` as ISO 8601 with the Kenyan offset. */
  completedAt: string | undefined;
  /** `CreditPartyPublicName`: who got the money back, e.g. `"254708374149 - John Doe"`. */
  creditPartyName: string | undefined;
  /** `DebitPartyPublicName`: the shortcode debited, e.g. `"600000 - Shop"`. */
  debitPartyName: string | undefined;
}

/**
 * Reads a reversal result's parameters by key. The reversal's own receipt is the result's
 * `transactionId`.
 */
export function readReversalResult(result: DarajaResult): ReversalResultDetails {
  const read = parameterReader(result);
  return {
    originalTransactionId: read.text('OriginalTransactionID'),
    amountCents: read.paidCents('Amount'),
    chargeCents: read.cents('Charge'),
    completedAt: read.time('TransCompletedTime'),
    creditPartyName: read.text('CreditPartyPublicName'),
    debitPartyName: read.text('DebitPartyPublicName'),
  };
}
