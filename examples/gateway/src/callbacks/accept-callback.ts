import type { Database } from '../db/database.js';
import { newId } from '../ids/ids.js';
import { insertCallback } from '../stores/callbacks-store.js';
import type { Mode } from '../stores/rows.js';
import { unstorableJson, unstorableText } from '../stores/storable.js';

/** What became of a callback body. */
export type AcceptedCallback =
  /** Stored and queued for processing. */
  | { kind: 'accepted' }
  /** Stored (for the audit trail) but not an STK callback: the sender should know. */
  | { kind: 'not_stk_callback' }
  /** Refused and not stored: PostgreSQL could not hold it. */
  | { kind: 'unstorable'; reason: string };

/**
 * Persists a callback's raw body in one insert, so nothing is lost once the sender is
 * acknowledged; the outbox relay queues its processing.
 */
export async function acceptCallback(
  db: Database,
  body: string,
  remote: string | undefined,
  mode: Mode,
): Promise<AcceptedCallback> {
  const parsed = parseJson(body);
  // PostgreSQL cannot store NUL or lone surrogates (raw or \u-escaped), and no Daraja callback
  // holds them: refuse with the reason and keep nothing, rather than fail later on every retry.
  const problem = unstorableText(body) ?? unstorableJson(parsed);
  if (problem) return { kind: 'unstorable', reason: problem };
  const checkoutRequestId = checkoutRequestIdOf(parsed);
  const id = newId('cb');
  await insertCallback(db, {
    id,
    mode,
    checkoutRequestId: checkoutRequestId ?? null,
    body,
    remote: remote ?? null,
  });
  return checkoutRequestId === undefined ? { kind: 'not_stk_callback' } : { kind: 'accepted' };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function checkoutRequestIdOf(parsed: unknown): string | undefined {
  const id = (parsed as { Body?: { stkCallback?: { CheckoutRequestID?: unknown } } } | null)?.Body
    ?.stkCallback?.CheckoutRequestID;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}
