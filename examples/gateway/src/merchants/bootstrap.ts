import type { Database } from '../db/database.js';
import { findTestMerchant, lockMerchantBootstrap } from '../stores/merchants-store.js';
import { insertMerchantWithTestKey } from './operations.js';

/** Credentials of the test merchant, shown once when it is created. */
export interface TestMerchant {
  merchantId: string;
  apiKey: string;
  apiSecret: string;
  /** The secret its test events are signed with. */
  webhookSecret: string;
  /** The secret its live events are signed with: only when just created (printed once). */
  liveWebhookSecret: string;
  created: boolean;
}

/**
 * Creates the test merchant on first run. The API secret is stored only as a hash, so it is
 * returned (to print) only when it was just created; later runs return `created: false` and no
 * secret. The test webhook secret signs test deliveries, so it is kept and can be shown again;
 * the live one is returned only when just created, so later starts keep it out of logs.
 */
export async function ensureTestMerchant(
  db: Database,
  given: {
    apiKey?: string | undefined;
    apiSecret?: string | undefined;
    webhookSecret?: string | undefined;
  },
): Promise<TestMerchant> {
  return db.transaction(async (tx) => {
    await lockMerchantBootstrap(tx);
    const row = await findTestMerchant(tx);
    if (row) {
      return {
        merchantId: row.id,
        // Every test key revoked: none to show (the banner says how to issue one).
        apiKey: row.key ?? '',
        apiSecret: '',
        webhookSecret: row.webhook_secret,
        liveWebhookSecret: '',
        created: false,
      };
    }
    const created = await insertMerchantWithTestKey(tx, { name: 'Test merchant', ...given });
    return { ...created, created: true };
  });
}
