import type { Database } from '../db/database.js';
import { newId, randomToken } from '../ids/ids.js';
import { firstMerchantId, insertApiKey } from '../stores/merchants-store.js';
import { hashSecret } from './credentials.js';

/**
 * Issues an API key for the (first) merchant. `live` keys are `sk_live_…`; the secret is returned
 * once and stored only as a hash.
 */
export async function createApiKey(db: Database, mode: 'test' | 'live') {
  const merchantId = await firstMerchantId(db);
  if (!merchantId)
    throw new Error('No merchant yet: run "start" (or "api") once to create the test merchant.');
  const apiKey = `sk_${mode}_${randomToken(18)}`;
  const apiSecret = `secret_${randomToken(24)}`;
  await insertApiKey(db, {
    id: newId('key'),
    merchantId,
    key: apiKey,
    secretHash: hashSecret(apiSecret),
    mode,
  });
  return { merchantId, apiKey, apiSecret };
}
