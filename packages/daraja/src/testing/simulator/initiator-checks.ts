import { wholeAmount } from './amount.js';

/** A rejection as Daraja words it. */
export interface Rejection {
  status: number;
  code: string;
  message: string;
}

const str = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
const invalid = (field: string): Rejection => ({
  status: 400,
  code: '400.002.02',
  message: `Bad Request - Invalid ${field}`,
});

function urlOk(value: string, allow: ((url: string) => boolean) | undefined): boolean {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  } catch {
    return false;
  }
  return allow ? allow(value) : true;
}

/** The fields every initiator API shares, checked in Daraja's words. */
interface CommonRules {
  allowCallbackUrl: ((url: string) => boolean) | undefined;
}

export interface InitiatorFields {
  initiator: string;
  securityCredential: string;
  resultUrl: string;
  queueTimeoutUrl: string;
  remarks: string;
  occasion: string;
}

function common(
  input: Record<string, unknown>,
  initiatorField: 'InitiatorName' | 'Initiator',
  commandIds: readonly string[],
  rules: CommonRules,
): InitiatorFields | Rejection {
  const initiator = str(input[initiatorField]).trim();
  if (initiator === '') return invalid(initiatorField);
  const securityCredential = str(input.SecurityCredential).trim();
  if (securityCredential === '') return invalid('SecurityCredential');
  if (!commandIds.includes(str(input.CommandID))) return invalid('CommandID');
  const resultUrl = str(input.ResultURL);
  if (!urlOk(resultUrl, rules.allowCallbackUrl)) return invalid('ResultURL');
  const queueTimeoutUrl = str(input.QueueTimeOutURL);
  if (!urlOk(queueTimeoutUrl, rules.allowCallbackUrl)) return invalid('QueueTimeOutURL');
  return {
    initiator,
    securityCredential,
    resultUrl,
    queueTimeoutUrl,
    remarks: str(input.Remarks),
    occasion: str(input.Occasion ?? input.Occassion),
  };
}

const isRejection = (value: object): value is Rejection => 'code' in value;

/** B2C: `InitiatorName`, `Occassion`, our own `OriginatorConversationID`. */
export function checkB2cBody(
  input: Record<string, unknown>,
  rules: CommonRules & { b2cShortcode: string },
) {
  const fields = common(
    input,
    'InitiatorName',
    ['BusinessPayment', 'SalaryPayment', 'PromotionPayment'],
    rules,
  );
  if (isRejection(fields)) return fields;
  const originatorConversationId = str(input.OriginatorConversationID).trim();
  if (originatorConversationId === '') return invalid('OriginatorConversationID');
  const amount = wholeAmount(input.Amount);
  if (!Number.isInteger(amount) || amount < 1) {
    return invalid('Amount');
  }
  if (str(input.PartyA) !== rules.b2cShortcode) return invalid('PartyA');
  const phone = str(input.PartyB);
  if (!/^254[17]\d{8}$/.test(phone)) return invalid('PartyB');
  if (fields.remarks.trim().length < 2 || fields.remarks.length > 100) return invalid('Remarks');
  return { ...fields, originatorConversationId, amount, phone, commandId: str(input.CommandID) };
}

/** Reversal: `Initiator`, and `RecieverIdentifierType` spelled as Daraja spells it. */
export function checkReversalBody(input: Record<string, unknown>, rules: CommonRules) {
  const fields = common(input, 'Initiator', ['TransactionReversal'], rules);
  if (isRejection(fields)) return fields;
  const transactionId = str(input.TransactionID).trim();
  if (!/^[A-Z0-9]{6,20}$/.test(transactionId)) return invalid('TransactionID');
  const amount = wholeAmount(input.Amount);
  if (!Number.isInteger(amount) || amount < 1) {
    return invalid('Amount');
  }
  if (!/^\d{5,7}$/.test(str(input.ReceiverParty))) return invalid('ReceiverParty');
  // The correctly spelled field does not count: Daraja reads only its misspelling.
  if (str(input.RecieverIdentifierType) !== '11') return invalid('RecieverIdentifierType');
  if (fields.remarks.trim().length < 2 || fields.remarks.length > 100) return invalid('Remarks');
  return { ...fields, transactionId, amount, receiverParty: str(input.ReceiverParty) };
}

/** Transaction status: a receipt or an OriginalConversationID, and the party it belongs to. */
export function checkStatusBody(input: Record<string, unknown>, rules: CommonRules) {
  const fields = common(input, 'Initiator', ['TransactionStatusQuery'], rules);
  if (isRejection(fields)) return fields;
  const transactionId = str(input.TransactionID).trim();
  const originalConversationId = str(input.OriginalConversationID).trim();
  if (transactionId === '' && originalConversationId === '') return invalid('TransactionID');
  if (str(input.PartyA).trim() === '') return invalid('PartyA');
  if (!['1', '2', '4'].includes(str(input.IdentifierType))) return invalid('IdentifierType');
  return { ...fields, transactionId, originalConversationId };
}

/** Account balance of the B2C shortcode, `IdentifierType` 4. */
export function checkBalanceBody(
  input: Record<string, unknown>,
  rules: CommonRules & { b2cShortcode: string },
) {
  const fields = common(input, 'Initiator', ['AccountBalance'], rules);
  if (isRejection(fields)) return fields;
  if (str(input.PartyA) !== rules.b2cShortcode) return invalid('PartyA');
  if (str(input.IdentifierType) !== '4') return invalid('IdentifierType');
  return fields;
}

export { isRejection };
