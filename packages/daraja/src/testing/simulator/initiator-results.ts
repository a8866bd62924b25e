import { describeResultCode } from '../../result-codes/catalogue.js';
import type { CallbackDelivery, SimulatorContext } from './context.js';
import type { SimulatedReceipt } from './ledger.js';
import type { SimulatedOutcome } from './outcomes.js';
import { randomCode } from './replies.js';
import {
  decimal,
  dottedTime,
  numericTime,
  type ResultItem,
  resultEnvelope,
  shillings,
} from './result-envelopes.js';

/** A request to one of the initiator APIs that the simulator accepted. */
export interface SimulatedAsyncRequest {
  kind: 'b2c' | 'reversal' | 'transaction_status' | 'account_balance';
  conversationId: string;
  originatorConversationId: string;
  /** Whole shillings (B2C payments and reversals). */
  amount: number | undefined;
  /** The B2C recipient. */
  phone: string | undefined;
  /** The receipt a reversal or status query is about. */
  transactionId: string | undefined;
  resultUrl: string;
  queueTimeoutUrl: string;
  createdAt: number;
  /** The result code once settled (`"0"`, `"2001"`, `"R000001"`…; `"1037"` for a queue timeout). */
  resultCode: string | undefined;
  /** The receipt this request created (a completed B2C payment or reversal). */
  receipt: string | undefined;
  deliveries: CallbackDelivery[];
}

/** The simulator's own record of a request. */
export interface Pending extends SimulatedAsyncRequest {
  outcome: SimulatedOutcome;
  initiatorOk: boolean;
  occasion: string;
  /** For status queries: the original conversation id asked about. */
  originalConversationId: string;
}

// Daraja's own internal QueueTimeoutURL, echoed in every result's ReferenceData.
const internal = (product: string) =>
  `https://internalsandbox.safaricom.co.ke/mpesa/${product}/v1/submit`;

const customerName = 'John Doe';
const shopName = 'Simulated Shop';

function describe(code: string): string {
  const known: Record<string, string> = {
    '0': 'The service request is processed successfully.',
    '1': 'The balance is insufficient for the transaction.',
    '2001': 'The initiator information is invalid.',
    '2032': 'The transaction receipt number does not exist.',
    '1037': 'The request timed out while waiting in the M-Pesa queue.',
    R000001: 'The transaction has already been reversed.',
    R000002: 'The OriginalTransactionID is invalid.',
  };
  if (known[code]) return known[code];
  const info = describeResultCode(code, 'initiator');
  return info.category === 'unknown' ? describeResultCode(code).description : info.description;
}

/**
 * How accepted initiator requests settle: the checks M-Pesa makes (initiator, balance, receipt),
 * the money moved, and the `Result` POSTed to the `ResultURL` (or the `QueueTimeOutURL`).
 */
export function createInitiatorResults(
  ctx: SimulatorContext,
  find: (originatorOrConversationId: string) => Pending | undefined,
) {
  /** Settles with a result and POSTs it, unless the outcome loses it. */
  const finish = async (
    p: Pending,
    code: string,
    extra: { transactionId?: string; parameters?: ResultItem[]; reference: ResultItem },
    options: { resultType?: string; codeAsString?: boolean; skipPost?: boolean } = {},
  ) => {
    p.resultCode = code;
    if (options.skipPost) return;
    const resultCode = options.codeAsString || !/^\d+$/.test(code) ? code : Number(code);
    const body = resultEnvelope({
      resultType: options.resultType,
      resultCode,
      resultDesc: describe(code),
      originatorConversationId: p.originatorConversationId,
      conversationId: p.conversationId,
      ...extra,
    });
    await ctx.post(p.resultUrl, body, p.deliveries, 'result');
  };

  const queueTimeout = async (p: Pending, product: string) => {
    p.resultCode = '1037';
    const body = resultEnvelope({
      resultCode: 1037,
      resultDesc: describe('1037'),
      originatorConversationId: p.originatorConversationId,
      conversationId: p.conversationId,
      reference: ['QueueTimeoutURL', internal(product)],
    });
    await ctx.post(p.queueTimeoutUrl, body, p.deliveries, 'result');
  };

  const record = (p: Pending, receipt: string, kind: SimulatedReceipt['kind'], phone?: string) => {
    p.receipt = receipt;
    ctx.ledger.record({
      receipt,
      kind,
      amount: p.amount ?? 0,
      phone,
      completedAt: ctx.now(),
      originatorConversationId: p.originatorConversationId,
      conversationId: p.conversationId,
      reversedBy: undefined,
    });
  };

  const settleB2c = async (p: Pending) => {
    const reference: ResultItem = ['QueueTimeoutURL', internal('b2cresults')];
    if (!p.initiatorOk) return finish(p, '2001', { reference });
    const code = String(p.outcome.resultCode);
    if (code === '1037') return queueTimeout(p, 'b2cresults');
    if (code !== '0') return finish(p, code, { reference });
    const amount = p.amount ?? 0;
    if (amount < 10) return finish(p, '2', { reference });
    if (amount > 250_000) return finish(p, '3', { reference });
    if (amount * 100 > ctx.ledger.utilityCents()) return finish(p, '1', { reference });
    ctx.ledger.adjust('utility', -amount * 100);
    const receipt = randomCode(10);
    record(p, receipt, 'b2c', p.phone);
    return finish(
      p,
      '0',
      {
        transactionId: receipt,
        parameters: [
          ['TransactionAmount', amount],
          ['TransactionReceipt', receipt],
          ['B2CRecipientIsRegisteredCustomer', 'Y'],
          ['B2CChargesPaidAccountAvailableFunds', 0],
          ['ReceiverPartyPublicName', `${p.phone} - ${customerName}`],
          ['TransactionCompletedDateTime', dottedTime(ctx.now())],
          ['B2CUtilityAccountAvailableFunds', shillings(ctx.ledger.utilityCents())],
          ['B2CWorkingAccountAvailableFunds', shillings(ctx.ledger.workingCents())],
        ],
        reference,
      },
      { skipPost: p.outcome.skipCallback === true },
    );
  };

  const settleReversal = async (p: Pending) => {
    const reference: ResultItem = ['QueueTimeoutURL', internal('reversalresults')];
    if (!p.initiatorOk) return finish(p, '2001', { reference });
    const original = ctx.ledger.receipt(p.transactionId ?? '');
    if (!original || original.kind === 'reversal') return finish(p, 'R000002', { reference });
    if (original.reversedBy !== undefined) return finish(p, 'R000001', { reference });
    const amount = p.amount ?? 0;
    if (amount > original.amount) return finish(p, '25', { reference });
    // A customer payment is refunded from the utility account; a payout comes back into it.
    const paidOut = original.kind === 'b2c';
    if (!paidOut && amount * 100 > ctx.ledger.utilityCents()) {
      return finish(p, '1', { reference });
    }
    ctx.ledger.adjust('utility', paidOut ? amount * 100 : -amount * 100);
    const receipt = randomCode(10);
    original.reversedBy = receipt;
    record(p, receipt, 'reversal', original.phone);
    const customer = `${original.phone ?? '254700000000'} - ${customerName}`;
    const shop = `${ctx.shortcode} - ${shopName}`;
    return finish(p, '0', {
      transactionId: receipt,
      parameters: [
        [
          'DebitAccountBalance',
          `Utility Account|KES|${decimal(ctx.ledger.utilityCents())}|${decimal(ctx.ledger.utilityCents())}|0.00|0.00`,
        ],
        ['Amount', amount],
        ['TransCompletedTime', numericTime(ctx.now())],
        ['OriginalTransactionID', original.receipt],
        ['Charge', 0],
        ['CreditPartyPublicName', paidOut ? shop : customer],
        ['DebitPartyPublicName', paidOut ? customer : shop],
      ],
      reference,
    });
  };

  const reasonTypes: Record<SimulatedReceipt['kind'], string> = {
    stk: 'Pay Bill Online',
    c2b: 'Pay Bill',
    b2c: 'Business Payment to Customer via API',
    reversal: 'Reversal',
  };

  const settleStatus = async (p: Pending) => {
    const reference: ResultItem = ['Occasion', p.occasion === '' ? undefined : p.occasion];
    if (!p.initiatorOk) return finish(p, '2001', { reference });
    let found: SimulatedReceipt | undefined;
    let request: Pending | undefined;
    if (p.transactionId) {
      found = ctx.ledger.receipt(p.transactionId);
    } else {
      request = find(p.originalConversationId);
      if (request?.receipt) found = ctx.ledger.receipt(request.receipt);
    }
    // Still processing when the answer is made: a completed query about a pending transaction.
    if (!found && request && request.resultCode === undefined) {
      return finish(p, '0', {
        parameters: [
          ['OriginatorConversationID', request.originatorConversationId],
          ['TransactionStatus', 'Pending'],
          ['ConversationID', request.conversationId],
        ],
        reference,
      });
    }
    // A failed or timed-out request made no transaction: M-Pesa does not know a receipt for it.
    if (!found) return finish(p, '2032', { reference });
    const customer = `${found.phone ?? '254700000000'} - ${customerName}`;
    const shop = `${found.kind === 'b2c' ? ctx.b2cShortcode : ctx.shortcode} - ${shopName}`;
    const outgoing = found.kind === 'b2c';
    return finish(p, '0', {
      transactionId: found.receipt,
      parameters: [
        ['DebitPartyName', outgoing ? shop : customer],
        ['CreditPartyName', outgoing ? customer : shop],
        ['OriginatorConversationID', found.originatorConversationId ?? p.originatorConversationId],
        ['InitiatedTime', numericTime(found.completedAt)],
        ['DebitAccountType', outgoing ? 'Utility Account' : 'MMF Account For Customer'],
        ['DebitPartyCharges'],
        ['TransactionReason'],
        ['ReasonType', reasonTypes[found.kind]],
        ['TransactionStatus', 'Completed'],
        ['FinalisedTime', numericTime(found.completedAt)],
        ['Amount', found.amount],
        ['ConversationID', found.conversationId ?? p.conversationId],
        ['ReceiptNo', found.receipt],
      ],
      reference,
    });
  };

  const settleBalance = async (p: Pending) => {
    const reference: ResultItem = ['QueueTimeoutURL', internal('abresults')];
    // The balance result writes its codes as strings, unlike the others.
    if (!p.initiatorOk)
      return finish(p, '2001', { reference }, { resultType: '0', codeAsString: true });
    const working = decimal(ctx.ledger.workingCents());
    const utility = decimal(ctx.ledger.utilityCents());
    const balance = [
      `Working Account|KES|${working}|${working}|0.00|0.00`,
      'Float Account|KES|0.00|0.00|0.00|0.00',
      `Utility Account|KES|${utility}|${utility}|0.00|0.00`,
      'Charges Paid Account|KES|0.00|0.00|0.00|0.00',
      'Organization Settlement Account|KES|0.00|0.00|0.00|0.00',
    ].join('&');
    return finish(
      p,
      '0',
      {
        parameters: [
          ['AccountBalance', balance],
          ['BOCompletedTime', numericTime(ctx.now())],
        ],
        reference,
      },
      { resultType: '0', codeAsString: true },
    );
  };

  return { settleB2c, settleReversal, settleStatus, settleBalance };
}
