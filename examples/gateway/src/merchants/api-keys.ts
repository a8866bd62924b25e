import type { Database } from '../db/database.js';
import { newId, randomToken } from '../ids/ids.js';
import { hashSecret } from './credentials.js';

/**
 * Issues an API key for the (first) merchant. `live` keys are `sk_live_…`; the secret is returned
 * once and stored only as a hash.
 */
export async function createApiKey(db: Database, mode: 'test' | 'live') {
  const merchants = await db.query<{ id: string }>(
    'select id from merchants order by created_at limit 1',
  );
  const merchantId = merchants[0]?.id;
  if (!merchantId)
    throw new Error('No merchant yet: run "start" (or "api") once to create the test merchant.');
  const apiKey = `sk_${mode}_${randomToken(18)}`;
  const apiSecret = `secret_${randomToken(24)}`;
  await db.query(
    'insert into api_keys (id, merchant_id, key, secret_hash, mode) values ($1, $2, $3, $4, $5)',
    [newId('key'), merchantId, apiKey, hashSecret(apiSecret), mode],
  );
  return { merchantId, apiKey, apiSecret };
}
