import type { Database } from '../db/database.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';
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
 * raw, with its processing job, in one transaction: once M-Pesa is acknowledged nothing is lost.
 */
export async function acceptResult(
  db: Database,
  jobs: Jobs,
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
  await db.transaction(async (tx) => {
    await insertResult(tx, {
      id,
      mode: result.mode,
      kind: result.kind,
      purpose: result.purpose,
      targetId: result.targetId,
      body: result.body,
      remote: result.remote ?? null,
      refused: isResult ? undefined : 'invalid: not a Daraja Result body',
    });
    if (isResult) await jobs.send(queues.result, { resultId: id }, { tx });
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
