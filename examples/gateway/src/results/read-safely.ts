import { isDarajaError } from '@malipo/daraja';

/**
 * A reader's view of a result, or undefined when one of its fields is malformed: a result
 * settles on what it can prove (its code and TransactionID) and never crashes the worker over a
 * date or an amount it could not read.
 */
export function readSafely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (isDarajaError(error)) return undefined;
    throw error;
  }
}
