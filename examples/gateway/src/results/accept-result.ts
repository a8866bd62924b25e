import type { Database } from '../db/database.js';
import { newId } from '../ids/ids.js';
import { insertResult, type ResultPurpose } from '../stores/results-store.js';
import type { Mode } from '../stores/rows.js';
import { unstorableJson, unstorableText } from '../stores/storable.js';

/** What became of an asynchronous result body. */
export type AcceptedResult =
  | { kind: 'accepted' }
  /** Not JSON with a `Result` object: refused, and kept for the audit trail. */
  | { kind: 'not_a_result' }
  /** Refused and not stored: PostgreSQL could not hold it. */
  | { kind: 'unstorable'; reason: string };

/**
 * Persists an asynchronous M-Pesa result (B2C, reversal, status, balance, or a queue timeout)
 * raw in one insert: once M-Pesa is acknowledged nothing is lost. The outbox relay queues its
 * processing.
 */
export async function acceptResult(
  db: Database,
  result: {
    body: string;
    remote: string | undefined;
    mode: Mode;
    kind: 'result' | 'timeout';
    purpose: ResultPurpose;
    targetId: string;
  },
): Promise<AcceptedResult> {
  const parsed = parseJson(result.body);
  const problem = unstorableText(result.body) ?? unstorableJson(parsed);
  if (problem) return { kind: 'unstorable', reason: problem };
  const isResult =
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof (parsed as { Result?: unknown }).Result === 'object' &&
    (parsed as { Result?: unknown }).Result !== null;
  const id = newId('res');
  await insertResult(db, {
    id,
    mode: result.mode,
    kind: result.kind,
    purpose: result.purpose,
    targetId: result.targetId,
    body: result.body,
    remote: result.remote ?? null,
    refused: isResult ? undefined : 'invalid: not a Daraja Result body',
  });
  return isResult ? { kind: 'accepted' } : { kind: 'not_a_result' };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
