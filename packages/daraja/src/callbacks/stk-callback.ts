import { DarajaCallbackError } from '../errors/field-errors.js';
import { describeStkCode, type ResultCategory } from '../result-codes/stk-codes.js';
import { darajaTimeToIso } from '../time/timestamp.js';
import { readJsonBody } from './read-body.js';

interface StkCallbackFields {
  merchantRequestId: string;
  checkoutRequestId: string;
  /** Result code as a string (a number in the JSON). */
  code: string;
  /** Daraja's text; for display only, classification uses the code. */
  description: string;
  category: ResultCategory;
  /** A message fit to show the customer. */
  customerMessage: string;
  /** The parsed body as received. */
  raw: unknown;
}

/** The customer paid. */
export interface StkCallbackCompleted extends StkCallbackFields {
  status: 'completed';
  /** Amount paid in whole shillings, as Daraja reports it. */
  amount: number;
  /** The same amount in cents (integer), for systems that keep minor units. */
  amountCents: number;
  /** M-Pesa receipt number, e.g. `NLJ7RT61SV`. */
  receipt: string;
  /** Paying phone number as digits, e.g. `254708374149` (a number in the JSON). */
  phone: string;
  /** Time of the payment as ISO 8601 with the Kenyan offset, e.g. `2019-12-19T10:21:15+03:00`. */
  transactionDate: string;
  /** The `Balance` item's value when present (usually absent or without a value). */
  balance: string | undefined;
}

/** The payment did not happen. */
export interface StkCallbackUnsuccessful extends StkCallbackFields {
  status: 'failed' | 'cancelled' | 'expired';
}

/** A parsed STK callback, discriminated on `status`. */
export type StkCallback = StkCallbackCompleted | StkCallbackUnsuccessful;

const root = 'Body.stkCallback';

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DarajaCallbackError(field, 'expected an object.');
  }
  return value as Record<string, unknown>;
}

function text(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Parsed JSON has already rounded it: 12345678901234567890 arrives as …567000.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new DarajaCallbackError(field, unsafeNumber);
    }
    return String(value);
  }
  throw new DarajaCallbackError(field, 'expected a non-empty string.');
}

/**
 * A request id as Daraja issues them (`ws_CO_…`): text without control characters or broken
 * UTF-16. Stores key deliveries by it: PostgreSQL cannot hold a NUL, and two ids that differ only
 * in a lone surrogate are one key once encoded as UTF-8, so the second callback was taken for a
 * duplicate of the first.
 */
function requestId(value: unknown, field: string): string {
  const id = text(value, field);
  // \p{Cs} in unicode mode: a surrogate that is not half of a pair.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f]|\p{Cs}/u.test(id)) {
    throw new DarajaCallbackError(
      field,
      'expected an id without control characters or broken text.',
    );
  }
  return id;
}

/**
 * The optional, informational `Balance` item as text; a value that is not one (an object, a
 * number JSON has rounded) is left out rather than refuse a callback that says a customer paid.
 */
function balanceOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? undefined : String(value);
  }
  return undefined;
}

const unsafeNumber =
  'a number past 2^53 has lost digits in JSON; expected it as a string (or an exact number).';

/**
 * Items are looked up by `Name`, never by position: their order and presence vary. A name listed
 * twice is refused: which `Amount` was paid would be a guess.
 */
function metadataItems(metadata: unknown): Map<string, unknown> {
  const items = new Map<string, unknown>();
  if (metadata === undefined || metadata === null) return items;
  const list = record(metadata, `${root}.CallbackMetadata`).Item;
  const entries = Array.isArray(list) ? list : list === undefined ? [] : [list];
  for (const entry of entries) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { Name, Value } = entry as { Name?: unknown; Value?: unknown };
    if (typeof Name !== 'string') continue;
    if (items.has(Name)) {
      throw new DarajaCallbackError(
        `${root}.CallbackMetadata.${Name.slice(0, 40)}`,
        'listed more than once; a callback names each item once.',
      );
    }
    items.set(Name, Value);
  }
  return items;
}

/**
 * An MSISDN as Daraja sends it: a number of 9 to 15 digits, or text of digits that Safaricom
 * may mask in part (`2547 ***** 126`, as C2B v2 does). Never refused for being masked: a paid
 * callback refused is a payment lost.
 */
function phoneOf(value: unknown): string {
  const field = `${root}.CallbackMetadata.PhoneNumber`;
  const text =
    typeof value === 'number' && Number.isSafeInteger(value) && value > 0
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : '';
  const digits = text.replace(/\D/g, '').length;
  if (!/^[\d*xX ]{9,20}$/.test(text) || digits < 3 || (/^\d+$/.test(text) && digits > 15)) {
    throw new DarajaCallbackError(field, 'expected a phone number of 9 to 15 digits.');
  }
  return text;
}

function amountOf(value: unknown): { amount: number; amountCents: number } {
  const field = `${root}.CallbackMetadata.Amount`;
  const amount =
    typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  // A paid STK callback moves at least KES 1; 0 or less is not a payment.
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 1) {
    throw new DarajaCallbackError(field, 'expected an amount of at least 1.');
  }
  const amountCents = Math.round(amount * 100);
  // Money is integer cents: past 2^53 they are no longer exact.
  if (!Number.isSafeInteger(amountCents)) {
    throw new DarajaCallbackError(field, `amount ${amount} is too large to be a payment.`);
  }
  if (Math.abs(amount * 100 - amountCents) > 1e-6) {
    throw new DarajaCallbackError(field, `amount ${amount} has more than two decimals.`);
  }
  return { amount, amountCents };
}

/**
 * Parses an STK (M-Pesa Express) callback: a parsed object, JSON text or raw bytes. Tolerant of
 * every real shape: `ResultCode` as number or string, failure callbacks without
 * `CallbackMetadata`, `Balance` without `Value`, items in any order. Throws
 * {@link DarajaCallbackError} (answer 400) for anything that is not an STK callback, and for a
 * success callback that lacks the amount, receipt, phone or date.
 *
 * @example
 * const callback = parseStkCallback(await request.text());
 * if (callback.status === 'completed') markPaid(callback.checkoutRequestId, callback.amountCents);
 */
export function parseStkCallback(body: unknown): StkCallback {
  const parsed = readJsonBody(body);
  const envelope = record(record(parsed, '(body)').Body, 'Body');
  const callback = record(envelope.stkCallback, root);
  const rawCode = callback.ResultCode;
  if (
    !(typeof rawCode === 'number' && Number.isInteger(rawCode)) &&
    !(typeof rawCode === 'string' && /^[A-Za-z0-9_]+$/.test(rawCode.trim()))
  ) {
    throw new DarajaCallbackError(`${root}.ResultCode`, 'expected a result code.');
  }
  const info = describeStkCode(rawCode);
  const fields: StkCallbackFields = {
    merchantRequestId: requestId(callback.MerchantRequestID, `${root}.MerchantRequestID`),
    checkoutRequestId: requestId(callback.CheckoutRequestID, `${root}.CheckoutRequestID`),
    code: info.code,
    description: typeof callback.ResultDesc === 'string' ? callback.ResultDesc : info.description,
    category: info.category,
    customerMessage: info.customerMessage,
    raw: parsed,
  };
  if (info.status === 'pending') {
    throw new DarajaCallbackError(
      `${root}.ResultCode`,
      `${info.code} is a query-only "still processing" code; a callback is always final.`,
    );
  }
  if (info.status !== 'completed') return { ...fields, status: info.status };

  const items = metadataItems(callback.CallbackMetadata);
  const item = (name: string) => {
    const value = items.get(name);
    if (value === undefined || value === null || value === '') {
      throw new DarajaCallbackError(
        `${root}.CallbackMetadata.${name}`,
        'missing from a successful callback.',
      );
    }
    return value;
  };
  const transactionDate = darajaTimeToIso(item('TransactionDate'));
  if (!transactionDate) {
    throw new DarajaCallbackError(
      `${root}.CallbackMetadata.TransactionDate`,
      'expected YYYYMMDDHHmmss.',
    );
  }
  const balance = items.get('Balance');
  return {
    ...fields,
    status: 'completed',
    ...amountOf(item('Amount')),
    receipt: text(item('MpesaReceiptNumber'), `${root}.CallbackMetadata.MpesaReceiptNumber`),
    phone: phoneOf(item('PhoneNumber')),
    transactionDate,
    balance: balanceOf(balance),
  };
}
