import type { BalanceResponse } from '@malipo/contract';
import { isDarajaError } from '@malipo/daraja';
import type { Database } from '../db/database.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import { type BalanceRow, claimBalanceRequest, findBalance } from '../stores/balances-store.js';
import { merchantAvailableCents, pendingOutflowCents } from '../stores/ledger-store.js';
import { cents, iso } from '../stores/rows.js';

/** How old the M-Pesa figure may be before asking Daraja again. */
const freshForSeconds = 60;
/** How long an answer waits for Daraja's asynchronous balance result. */
const waitForReportMs = 5_000;

/**
 * The merchant's balance (what it can pay out) and the M-Pesa account's as last reported. When
 * that report is older than a minute, one Account Balance query goes to Daraja (one between all
 * concurrent askers) and the answer waits a few seconds for its result; if none comes, the older
 * figure (or null) is answered and the result still lands for the next ask.
 */
export async function retrieveBalance(
  deps: { db: Database; mpesa: MpesaModes },
  merchant: AuthenticatedMerchant,
): Promise<BalanceResponse> {
  const { db } = deps;
  const mpesa = deps.mpesa.forMode(merchant.mode);
  let report = await findBalance(db, merchant.mode);
  // Without an initiator Daraja cannot be asked: the last report (if any) stands.
  if (mpesa.sendsMoney && !isFresh(report)) {
    if (await claimBalanceRequest(db, merchant.mode, freshForSeconds)) {
      const askedAt = Date.now();
      const previous = report?.reported_at ?? null;
      try {
        await mpesa.daraja.accountBalance({
          remarks: 'Balance',
          ...(await mpesa.resultUrls('balance', merchant.mode)),
        });
        report = await waitForReport(db, merchant, previous, askedAt + waitForReportMs);
      } catch (error) {
        if (!isDarajaError(error)) throw error;
      }
    } else if (
      report?.requested_at != null &&
      Date.now() - new Date(report.requested_at).getTime() < waitForReportMs
    ) {
      // Another request asked Daraja moments ago: wait for the same answer (as long as it does).
      report = await waitForReport(
        db,
        merchant,
        report.reported_at,
        new Date(report.requested_at).getTime() + waitForReportMs,
      );
    }
  }
  const [available, pending] = await Promise.all([
    merchantAvailableCents(db, merchant, 'KES'),
    pendingOutflowCents(db, merchant),
  ]);
  return {
    success: true,
    livemode: merchant.mode === 'live',
    currency: 'KES',
    available_cents: Number(available),
    pending_cents: Number(pending),
    mpesa_account:
      report?.utility_available_cents == null || report.reported_at === null
        ? null
        : {
            utility_available_cents: cents(report.utility_available_cents),
            working_available_cents:
              report.working_available_cents == null ? null : cents(report.working_available_cents),
            as_of: iso(report.reported_at),
          },
  };
}

function isFresh(report: BalanceRow | undefined): boolean {
  return (
    report?.reported_at != null &&
    Date.now() - new Date(report.reported_at).getTime() < freshForSeconds * 1000
  );
}

/**
 * Polls for a report other than `previous` (M-Pesa stamps reports with its own time, to the
 * second, so "newer than when we asked" would miss a fast answer) until `deadline`.
 */
async function waitForReport(
  db: Database,
  merchant: AuthenticatedMerchant,
  previous: Date | string | null,
  deadline: number,
): Promise<BalanceRow | undefined> {
  const seen = previous === null ? undefined : new Date(previous).getTime();
  let report = await findBalance(db, merchant.mode);
  while (Date.now() < deadline) {
    if (report?.reported_at != null && new Date(report.reported_at).getTime() !== seen) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
    report = await findBalance(db, merchant.mode);
  }
  return report;
}
