import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import { newId, randomToken } from '../ids/ids.js';
import {
  insertApiKey,
  insertMerchant,
  listKeys,
  merchantExists,
  replaceKeySecret,
  revokeKey,
  revokeMerchantKey,
  rotateWebhookSecret,
} from '../stores/merchants-store.js';
import type { Mode } from '../stores/rows.js';
import { hashSecret } from './credentials.js';

/** Operator operations on merchants and their keys. Secrets are returned once, never stored. */

const newSecret = () => `secret_${randomToken(24)}`;
const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Inserts a merchant with its webhook secrets (one for test events, one for live) and a first
 * test key, inside the caller's transaction; credentials not given are generated.
 * `webhookSecret` is the test one.
 */
export async function insertMerchantWithTestKey(
  tx: Queryable,
  merchant: {
    name: string;
    apiKey?: string | undefined;
    apiSecret?: string | undefined;
    webhookSecret?: string | undefined;
  },
) {
  const merchantId = newId('mer');
  const webhookSecret = merchant.webhookSecret ?? newWebhookSecret();
  const liveWebhookSecret = newWebhookSecret();
  const apiKey = merchant.apiKey ?? `sk_test_${randomToken(18)}`;
  const apiSecret = merchant.apiSecret ?? newSecret();
  await insertMerchant(tx, {
    id: merchantId,
    name: merchant.name,
    webhookSecrets: { test: webhookSecret, live: liveWebhookSecret },
  });
  await insertApiKey(tx, {
    id: newId('key'),
    merchantId,
    key: apiKey,
    secretHash: hashSecret(apiSecret),
    mode: 'test',
  });
  return { merchantId, webhookSecret, liveWebhookSecret, apiKey, apiSecret };
}

/** A new merchant with its webhook secrets and a first test key. */
export function createMerchant(db: Database, name: string) {
  return db.transaction((tx) => insertMerchantWithTestKey(tx, { name }));
}

async function requireMerchant(db: Database, merchantId: string) {
  if (!(await merchantExists(db, merchantId))) {
    throw new DomainError('NOT_FOUND', `No merchant ${merchantId.slice(0, 64)}.`, 'merchant_id');
  }
}

/** Issues a key of `mode` (`sk_test_…` or `sk_live_…`). */
export async function issueKey(db: Database, merchantId: string, mode: Mode) {
  await requireMerchant(db, merchantId);
  const keyId = newId('key');
  const apiKey = `sk_${mode}_${randomToken(18)}`;
  const apiSecret = newSecret();
  await insertApiKey(db, {
    id: keyId,
    merchantId,
    key: apiKey,
    secretHash: hashSecret(apiSecret),
    mode,
  });
  return { keyId, apiKey, apiSecret, mode };
}

export async function merchantKeys(db: Database, merchantId: string) {
  await requireMerchant(db, merchantId);
  return listKeys(db, merchantId);
}

/** Revokes a key: its next request is 401. */
export async function revokeApiKey(db: Database, keyId: string) {
  if (!(await revokeKey(db, keyId))) {
    throw new DomainError('NOT_FOUND', `No active key ${keyId.slice(0, 64)}.`, 'key_id');
  }
}

/** Revokes one of the merchant's own keys of the mode shown (the dashboard); `NOT_FOUND` else. */
export async function revokeMerchantApiKey(
  db: Database,
  scope: { merchantId: string; mode: Mode },
  keyId: string,
) {
  if (!(await revokeMerchantKey(db, scope, keyId))) {
    throw new DomainError('NOT_FOUND', `No active key ${keyId.slice(0, 64)}.`, 'key_id');
  }
}

/** A new secret for a key (the key stays); the old secret stops working at once. */
export async function rollKeySecret(db: Database, keyId: string) {
  const apiSecret = newSecret();
  const rolled = await replaceKeySecret(db, keyId, hashSecret(apiSecret));
  if (!rolled) throw new DomainError('NOT_FOUND', `No active key ${keyId.slice(0, 64)}.`, 'key_id');
  return { keyId, apiKey: rolled.key, apiSecret, mode: rolled.mode };
}

/**
 * A new webhook signing secret for one mode's events. During `overlapSeconds` deliveries carry
 * signatures of both the new and the previous secret (Standard Webhooks allows several), so
 * receivers switch at leisure.
 */
export async function rotateMerchantWebhookSecret(
  db: Database,
  merchantId: string,
  mode: Mode,
  overlapSeconds: number,
) {
  const webhookSecret = newWebhookSecret();
  const rotated = await rotateWebhookSecret(
    db,
    { merchantId, mode },
    webhookSecret,
    overlapSeconds,
  );
  if (!rotated) {
    throw new DomainError('NOT_FOUND', `No merchant ${merchantId.slice(0, 64)}.`, 'merchant_id');
  }
  return { merchantId, mode, webhookSecret, previousValidUntil: rotated.until };
}
