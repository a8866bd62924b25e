import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { MpesaModes } from '../mpesa/mpesa.js';
import type { BuniModes } from '../providers/buni/buni.js';

/** What sending money out (payouts and refunds) needs. */
export interface TransferDeps {
  db: Database;
  jobs: Jobs;
  mpesa: MpesaModes;
  /** Card refunds go back through BUNI. */
  buni: BuniModes;
  config: GatewayConfig;
}

/** Why a payout or refund settled, as its audit trail records it. */
export type TransferSettlementReason =
  | 'result'
  | 'status_check'
  | 'initiation_refused'
  /** A card acquirer's synchronous answer. */
  | 'card_refund';

/** How sending a payout or refund ended, for the answer to its request. */
export type SendResult<Row> =
  /** Sent (or its fate is still unknown), or an earlier attempt's transfer as it stands. */
  | { kind: 'sent'; row: Row }
  /** M-Pesa refused this request outright: the transfer is FAILED (a 502 naming it). */
  | { kind: 'refused'; row: Row; message: string };
