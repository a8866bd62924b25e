import { readJsonBody } from '../callbacks/read-body.js';
import { DarajaCallbackError } from '../errors/field-errors.js';
import { toCents } from '../money/cents.js';
import { darajaTimeToIso } from '../time/timestamp.js';

/**
 * A C2B validation or confirmation request: what Daraja POSTs to the URLs registered with
 * `registerC2bUrls` when a customer pays the paybill or till from their phone.
 */
export interface C2bRequest {
  /** `"Pay Bill"` or `"Buy Goods"` (older payloads: `CustomerPayBillOnline`…). */
  transactionType: string;
  /** The M-Pesa receipt, e.g. `RKTQDM7W6S` (`TransID`). */
  transactionId: string;
  /** `TransTime` as ISO 8601 with the Kenyan offset, e.g. `2019-11-22T06:38:45+03:00`. */
  transactedAt: string;
  /** Amount paid in integer cents (`TransAmount` is a decimal string such as `"5.00"`). */
  amountCents: number;
  businessShortCode: string;
  /** The account number the customer typed (paybill); `""` for Buy Goods. */
  billRefNumber: string;
  invoiceNumber: string | undefined;
  /**
   * The shortcode's balance after the payment, in cents. Blank on validation (the payment has
   * not happened yet), so `undefined` there.
   */
  orgAccountBalanceCents: number | undefined;
  /** The id your validation answer passed back, if any. */
  thirdPartyTransId: string | undefined;
  /**
   * The payer's number as sent. C2B v2 masks it (`"2547 ***** 126"`); v1 sent a SHA-256 hash.
   * Kept as a string; do not expect a full phone number.
   */
  msisdn: string;
  firstName: string | undefined;
  middleName: string | undefined;
  lastName: string | undefined;
  /** The parsed body as received. */
  raw: unknown;
}

const what = 'C2B request';

/**
 * Parses a C2B validation or confirmation body (parsed object, JSON text or bytes). Throws
 * {@link DarajaCallbackError} naming the field for anything that is not one.
 *
 * @example
 * const payment = parseC2bRequest(await request.text());
 * if (!orders.has(payment.billRefNumber)) return rejectC2bValidation('C2B00012');
 * return acceptC2bValidation();
 */
export function parseC2bRequest(body: unknown): C2bRequest {
  const parsed = readJsonBody(body, what);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DarajaCallbackError('(body)', 'expected an object.', what);
  }
  const record = parsed as Record<string, unknown>;
  const required = (field: string): string => {
    const value = optional(record[field], field);
    if (value === undefined) throw new DarajaCallbackError(field, 'missing.', what);
    return value;
  };
  const transactedAt = darajaTimeToIso(required('TransTime'));
  if (!transactedAt) throw new DarajaCallbackError('TransTime', 'expected YYYYMMDDHHmmss.', what);
  const amountCents = toCents(required('TransAmount'));
  if (amountCents === undefined || amountCents <= 0) {
    throw new DarajaCallbackError(
      'TransAmount',
      'expected a positive amount such as "5.00".',
      what,
    );
  }
  const balance = optional(record.OrgAccountBalance, 'OrgAccountBalance');
  const orgAccountBalanceCents = balance === undefined ? undefined : toCents(balance);
  if (balance !== undefined && orgAccountBalanceCents === undefined) {
    throw new DarajaCallbackError(
      'OrgAccountBalance',
      'expected an amount such as "49197.00".',
      what,
    );
  }
  return {
    transactionType: required('TransactionType'),
    transactionId: required('TransID'),
    transactedAt,
    amountCents,
    businessShortCode: required('BusinessShortCode'),
    billRefNumber: optional(record.BillRefNumber, 'BillRefNumber') ?? '',
    invoiceNumber: optional(record.InvoiceNumber, 'InvoiceNumber'),
    orgAccountBalanceCents,
    thirdPartyTransId: optional(record.ThirdPartyTransID, 'ThirdPartyTransID'),
    msisdn: required('MSISDN'),
    firstName: optional(record.FirstName, 'FirstName'),
    middleName: optional(record.MiddleName, 'MiddleName'),
    lastName: optional(record.LastName, 'LastName'),
    raw: parsed,
  };
}

/**
 * A non-blank string or number as trimmed text; blanks and other types are absent. A whole number
 * past 2^53 is refused: parsed JSON has already rounded it (a `BillRefNumber` of
 * 12345678901234567891 arrives as …567000, and would match another account).
 */
function optional(value: unknown, field: string): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new DarajaCallbackError(
      field,
      'a number past 2^53 has lost digits in JSON; expected it as a string.',
      what,
    );
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' ? undefined : text;
}
