import { readJsonBody } from '../callbacks/read-body.js';
import { DarajaCallbackError } from '../errors/field-errors.js';
import { describeInitiatorCode } from '../result-codes/initiator-codes.js';
import type { ResultCategory } from '../result-codes/stk-codes.js';

/**
 * The outcome of an asynchronous request, as Daraja POSTs it to the `ResultURL` (or the
 * `QueueTimeOutURL`): the same envelope for B2C payments, reversals, transaction status and
 * account balance queries. Read the product's values with `readB2cResult`,
 * `readReversalResult`, `readTransactionStatusResult` or `readAccountBalanceResult`.
 */
export interface DarajaResult {
  /** `"0"` when complete; `"1"` would mean more messages follow. */
  resultType: string;
  /** The result code as a string (`0` and `"0"` alike), e.g. `"2001"` or `"R000001"`. */
  resultCode: string;
  /** Daraja's text; for display only, classification uses the code. */
  resultDesc: string;
  originatorConversationId: string;
  conversationId: string;
  /**
   * The M-Pesa receipt of the transaction. Failures often carry a placeholder such as
   * `"NLJ0000000"`; trust it only when `status` is `completed`.
   */
  transactionId: string | undefined;
  /** `ResultParameters` by `Key` (first occurrence wins); items without a `Value` are left out. */
  parameters: Readonly<Record<string, string | number>>;
  /** `ReferenceData` by `Key`, the same way. */
  referenceData: Readonly<Record<string, string | number>>;
  /** `completed` for result code 0, `failed` for any other. */
  status: 'completed' | 'failed';
  category: ResultCategory;
  /** A message fit to show the person concerned (the payee of a payout, a refunded customer). */
  customerMessage: string;
  /** The parsed body as received. */
  raw: unknown;
}

const what = 'Daraja result';
const root = 'Result';

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DarajaCallbackError(field, 'expected an object.', what);
  }
  return value as Record<string, unknown>;
}

function code(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^[A-Za-z0-9_]+$/.test(value.trim())) return value.trim();
  throw new DarajaCallbackError(field, 'expected a result code (number or string).', what);
}

function id(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'number' && Number.isInteger(value)) {
    // Parsed JSON has already rounded it: 123456789012345678901 arrives as …680000.
    throw new DarajaCallbackError(
      field,
      'a number past 2^53 has lost digits in JSON; expected it as a string.',
      what,
    );
  }
  throw new DarajaCallbackError(field, 'expected a non-empty string or a whole number.', what);
}

/** `{ Key, Value }` items, one object or an array of them, by `Key`. Never by position. */
function items(container: unknown, listName: string, field: string) {
  const map: Record<string, string | number> = {};
  if (container === undefined || container === null || container === '') return map;
  const list = record(container, field)[listName];
  const entries = Array.isArray(list) ? list : list === undefined || list === null ? [] : [list];
  for (const [index, entry] of entries.entries()) {
    const item = record(entry, `${field}.${listName}${Array.isArray(list) ? `.${index}` : ''}`);
    const key = item.Key;
    const value = item.Value;
    if (typeof key !== 'string' || key === '' || Object.hasOwn(map, key)) continue;
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      map[key] = value;
    }
  }
  return Object.freeze(map);
}

/**
 * Parses what Daraja POSTs to a `ResultURL` or `QueueTimeOutURL` (parsed object, JSON text or
 * bytes). Tolerant of every real shape: `ResultCode` and `ResultType` as number or string,
 * `ResultParameter` as one object or an array, failures without `ResultParameters`, items with no
 * `Value`. Throws {@link DarajaCallbackError} naming the field for anything else.
 *
 * @example
 * const result = parseDarajaResult(await request.text());
 * if (result.status === 'completed') {
 *   const { receipt, amountCents } = readB2cResult(result);
 * }
 * return acknowledgeResult();
 */
export function parseDarajaResult(body: string | unknown): DarajaResult {
  const parsed = readJsonBody(body, what);
  const result = record(record(parsed, '(body)').Result, root);
  const resultCode = code(result.ResultCode, `${root}.ResultCode`);
  const resultType =
    result.ResultType === undefined ? '0' : code(result.ResultType, `${root}.ResultType`);
  const info = describeInitiatorCode(resultCode);
  const transactionId =
    typeof result.TransactionID === 'string' && result.TransactionID.trim() !== ''
      ? result.TransactionID.trim()
      : undefined;
  return {
    resultType,
    resultCode,
    resultDesc:
      typeof result.ResultDesc === 'string' && result.ResultDesc.trim() !== ''
        ? result.ResultDesc
        : info.description,
    originatorConversationId: id(
      result.OriginatorConversationID,
      `${root}.OriginatorConversationID`,
    ),
    conversationId: id(result.ConversationID, `${root}.ConversationID`),
    transactionId,
    parameters: items(result.ResultParameters, 'ResultParameter', `${root}.ResultParameters`),
    referenceData: items(result.ReferenceData, 'ReferenceItem', `${root}.ReferenceData`),
    status: resultCode === '0' ? 'completed' : 'failed',
    category: info.category,
    customerMessage: info.customerMessage,
    raw: parsed,
  };
}
