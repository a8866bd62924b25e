/**
 * A status check's result URL names the transfer and when the question was asked
 * (`po_…-1764464400123`, database time in epoch milliseconds), so its answer is judged against
 * its own question: a later question (a new sweep, a queue timeout) must not make an earlier
 * answer look newer than a resend it predates.
 */
export function statusTarget(transferId: string, askedAtMs: number): string {
  return `${transferId}-${Math.trunc(askedAtMs)}`;
}

/** The transfer and ask time a status result's URL names; no ask time on URLs of older versions. */
export function readStatusTarget(target: string): { transferId: string; askedAtMs?: number } {
  const match = /^(.+)-(\d{13,15})$/.exec(target);
  return match
    ? { transferId: match[1] as string, askedAtMs: Number(match[2]) }
    : { transferId: target };
}
