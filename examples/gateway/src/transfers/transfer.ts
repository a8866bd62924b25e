import type { GatewayConfig } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import type { MpesaModes } from '../mpesa/mpesa.js';

/** What sending money out (payouts and refunds) needs. */
export interface TransferDeps {
  db: Database;
  jobs: Jobs;
  mpesa: MpesaModes;
  config: GatewayConfig;
}

/** Why a payout or refund settled, as its audit trail records it. */
export type TransferSettlementReason = 'result' | 'status_check' | 'initiation_refused';
