import { isDarajaError } from '@malipo/daraja';
import type { Database } from '../db/database.js';
import { isDomainError } from '../errors/domain-error.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import { safeErrorText } from '../mpesa/safe-error-text.js';
import {
  claimStaleTransfers,
  flagTransfer,
  type TransferTable,
} from '../stores/transfers-store.js';
import { knownToMpesaById } from './known-to-mpesa.js';
import { statusTarget } from './status-target.js';

/** What one sweep of payouts and refunds did. */
export interface TransferSweep {
  /** Status checks sent (their results settle the transfers, asynchronously). */
  checked: number;
  /** Transfers unsettled past the expiry, handed to a person. */
  flagged: number;
  /** Status checks Daraja refused or did not answer (tried again next sweep). */
  failed: { id: string; error: string }[];
}

/**
 * Payouts and refunds whose result has not come: asks Daraja for each one's transaction status
 * (the answer comes back on the result URL and settles it). Never fails a transfer on silence,
 * since money may have moved: one still unsettled after `expireAfterSeconds` is flagged for a
 * person instead, and a result arriving later still settles it.
 */
export async function reconcileTransfers(
  deps: { db: Database; mpesa: MpesaModes },
  options: { afterSeconds: number; expireAfterSeconds: number; limit?: number },
): Promise<TransferSweep> {
  const sweep: TransferSweep = { checked: 0, flagged: 0, failed: [] };
  for (const table of ['payouts', 'refunds'] as const satisfies TransferTable[]) {
    const stale = await deps.db.transaction((tx) =>
      claimStaleTransfers(tx, table, {
        afterSeconds: options.afterSeconds,
        limit: options.limit ?? 50,
      }),
    );
    for (const transfer of stale) {
      if (transfer.age_seconds > options.expireAfterSeconds) {
        await flagTransfer(
          deps.db,
          table,
          transfer.id,
          `unsettled after ${transfer.age_seconds} s: M-Pesa has sent no result and its status checks settled nothing; compare with the M-Pesa statement`,
        );
        sweep.flagged += 1;
        continue;
      }
      const askable = knownToMpesaById({
        table,
        method: transfer.method,
        providerReference: transfer.provider_reference,
      });
      // A reversal whose acceptance was lost has an id only M-Pesa knows: nothing to ask by. Its
      // result may still come; else it is flagged at the expiry.
      if (!askable) continue;
      try {
        const mpesa = deps.mpesa.forMode(transfer.mode);
        await mpesa.daraja.transactionStatus({
          originalConversationId: transfer.originator_conversation_id,
          remarks: 'Status check',
          ...(await mpesa.resultUrls(
            'status',
            statusTarget(transfer.id, Number(transfer.asked_ms)),
          )),
        });
        sweep.checked += 1;
      } catch (error) {
        if (!isDarajaError(error) && !isDomainError(error)) throw error;
        sweep.failed.push({
          id: transfer.id,
          error: isDarajaError(error) ? safeErrorText(error) : error.message,
        });
      }
    }
  }
  return sweep;
}
