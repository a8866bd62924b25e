import { quoted } from '../mpesa/quoted-text.js';

/** What applying one asynchronous result came to. */
export type ResultOutcome =
  | { kind: 'settled'; status: 'COMPLETED' | 'PROCESSED' | 'FAILED' }
  /** The transfer was settled already (a duplicate result, or a status check won). */
  | { kind: 'duplicate'; status: 'COMPLETED' | 'PROCESSED' | 'FAILED' }
  | { kind: 'balance_recorded' }
  /** A queue timeout: the next sweep's status check settles the transfer. */
  | { kind: 'awaiting_status_check' }
  /** A status check that does not settle anything (not final yet, or not found). */
  | { kind: 'inconclusive'; reason: string }
  /** Needs a person: the result contradicts the transfer or what the gateway sent. */
  | { kind: 'flagged'; reason: string }
  /** Names nothing of this mode (or a target its purpose cannot name). */
  | { kind: 'unmatched' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'already_processed' };

export function describeResultOutcome(outcome: ResultOutcome): string {
  switch (outcome.kind) {
    case 'settled':
      return `settled: ${outcome.status}`;
    case 'duplicate':
      return `duplicate: already ${outcome.status}`;
    case 'balance_recorded':
      return 'balance recorded';
    case 'awaiting_status_check':
      return 'queue timeout: awaiting a status check';
    case 'inconclusive':
    case 'flagged':
    case 'invalid':
      return `${outcome.kind}: ${quoted(outcome.reason)}`;
    case 'unmatched':
      return 'unmatched';
    case 'already_processed':
      return 'already processed';
  }
}

/** True for outcomes a person must look at. */
export function resultNeedsReview(outcome: ResultOutcome): boolean {
  return outcome.kind === 'flagged' || outcome.kind === 'unmatched';
}
