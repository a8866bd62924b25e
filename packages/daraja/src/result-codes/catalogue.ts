import { DarajaValidationError } from '../errors/field-errors.js';
import { initiatorEntries } from './initiator-codes.js';
import {
  type Entry,
  lookUp,
  type ResultCategory,
  type ResultCodeApi,
  type ResultCodeInfo,
  type StkStatus,
  stkEntries,
} from './stk-codes.js';

export type { ResultCategory, ResultCodeApi, ResultCodeInfo, StkStatus };

const tables: Record<ResultCodeApi, Record<string, Entry>> = {
  stk: stkEntries,
  initiator: initiatorEntries,
};

/**
 * Looks up a Daraja result code (number or string) in the catalogue of `api` (STK by default).
 * Unknown codes are reported with category `unknown` and status `failed`, never thrown.
 *
 * @example describeResultCode(1032).status // 'cancelled'
 * @example describeResultCode('R000001', 'initiator').category // 'invalid_request'
 */
export function describeResultCode(
  code: string | number,
  api: ResultCodeApi = 'stk',
): ResultCodeInfo {
  if (typeof code !== 'string' && !(typeof code === 'number' && Number.isFinite(code))) {
    throw new DarajaValidationError('code', 'expected a result code as a string or a number.');
  }
  const table = Object.hasOwn(tables, api) ? tables[api] : undefined;
  if (!table) {
    throw new DarajaValidationError(
      'api',
      `expected "stk" or "initiator", got ${JSON.stringify(String(api).slice(0, 20))}.`,
    );
  }
  return lookUp(table, code);
}

/** Every code in the catalogue of `api` (STK by default), for documentation and exhaustive tests. */
export function listResultCodes(api: ResultCodeApi = 'stk'): ResultCodeInfo[] {
  return Object.keys(tables[api] ?? stkEntries).map((code) => describeResultCode(code, api));
}
