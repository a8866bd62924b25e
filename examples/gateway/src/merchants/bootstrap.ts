import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { newId, randomToken } from '../ids/ids.js';
import {
  ensureSettingValue,
  findTestMerchant,
  insertApiKey,
  insertMerchant,
  lockMerchantBootstrap,
} from '../stores/merchants-store.js';
import { hashSecret } from './credentials.js';

/** Credentials of the test merchant, shown once when it is created. */
export interface TestMerchant {
  merchantId: string;
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  created: boolean;
}

/**
 * Creates the test merchant on first run. The API secret is stored only as a hash, so it is
 * returned (to print) only when it was just created; later runs return `created: false` and no
 * secret. The webhook secret signs deliveries, so it is kept and can be shown again.
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
        apiKey: row.key,
        apiSecret: '',
        webhookSecret: row.webhook_secret,
        created: false,
      };
    }
    const merchantId = newId('mer');
    const apiKey = given.apiKey ?? `sk_test_${randomToken(18)}`;
    const apiSecret = given.apiSecret ?? `secret_${randomToken(24)}`;
    const webhookSecret = given.webhookSecret ?? `whsec_${randomBytes(32).toString('base64')}`;
    await insertMerchant(tx, { id: merchantId, name: 'Test merchant', webhookSecret });
    await insertApiKey(tx, {
      id: newId('key'),
      merchantId,
      key: apiKey,
      secretHash: hashSecret(apiSecret),
      mode: 'test',
    });
    return { merchantId, apiKey, apiSecret, webhookSecret, created: true };
  });
}

/** A process-wide secret kept in the database (the callback path token), made on first use. */
export async function ensureSetting(
  db: Database,
  name: string,
  make: () => string,
): Promise<string> {
  return ensureSettingValue(db, name, make());
}
