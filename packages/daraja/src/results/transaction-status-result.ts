import type { DarajaResult } from './parse-result.js';
import { parameterReader } from './values.js';

/** The values of a transaction status result. */
export interface TransactionStatusResultDetails {
  /**
   * What happened to the queried transaction, e.g. `"Completed"`. A result code 0 only means the
   * query itself succeeded: read this to know the transaction's state.
   */
  transactionStatus: string | undefined;
  /** `ReceiptNo`, the M-Pesa receipt. */
  receipt: string | undefined;
  /** `Amount` in integer cents. */
  amountCents: number | undefined;
  /** `ReasonType`, e.g. `"Business Payment to Customer via API"`. */
  reasonType: string | undefined;
  /** `DebitPartyName`, e.g. `"600310 - Safaricom333"`. */
  debitPartyName: string | undefined;
  /** `CreditPartyName`, e.g. `"254708374149 - John Doe"`. */
  creditPartyName: string | undefined;
  /** `DebitAccountType`, e.g. `"Utility Account"`. */
  debitAccountType: string | undefined;
  /** `InitiatedTime` as ISO 8601 with the Kenyan offset. */
  initiatedAt: string | undefined;
  /** `FinalisedTime` as ISO 8601 with the Kenyan offset. */
  finalisedAt: string | undefined;
  /** `OriginatorConversationID` of the queried transaction, when reported. */
  originatorConversationId: string | undefined;
}

/** Reads a transaction status result's parameters by key. */
export function readTransactionStatusResult(result: DarajaResult): TransactionStatusResultDetails {
  const read = parameterReader(result);
  return {
    transactionStatus: read.text('TransactionStatus'),
    receipt: read.text('ReceiptNo'),
    amountCents: read.paidCents('Amount'),
    reasonType: read.text('ReasonType'),
    debitPartyName: read.text('DebitPartyName'),
    creditPartyName: read.text('CreditPartyName'),
    debitAccountType: read.text('DebitAccountType'),
    initiatedAt: read.time('InitiatedTime'),
    finalisedAt: read.time('FinalisedTime'),
    originatorConversationId: read.text('OriginatorConversationID'),
  };
}
