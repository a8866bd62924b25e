import { randomBytes } from 'node:crypto';
import type { CreateWebhookEndpointRequest } from '@malipo/contract';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import {
  disableEndpoint,
  type EndpointRow,
  insertEndpoint,
  listEndpoints,
} from '../stores/endpoints-store.js';
import { checkWebhookUrl } from './destination.js';

/**
 * Registers an endpoint with a new signing secret (returned here only). Tied to the idempotency
 * key in the same transaction, so a retried registration never makes a second endpoint.
 */
export async function createEndpoint(
  db: Database,
  merchant: AuthenticatedMerchant,
  input: CreateWebhookEndpointRequest,
  options: { allowPrivate: boolean; scope: IdempotencyScope },
): Promise<EndpointRow & { secret: string }> {
  await checkWebhookUrl(input.url, options.allowPrivate, 'url');
  const id = newId('we');
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const row = await db.transaction(async (tx) => {
    const created = await insertEndpoint(tx, {
      id,
      merchantId: merchant.merchantId,
      url: input.url,
      description: input.description ?? null,
      events: input.events ?? ['*'],
      secret,
    });
    await options.scope.attach?.(tx, id);
    return created;
  });
  return { ...row, secret };
}

/** The merchant's enabled endpoints, newest first. */
export function listMerchantEndpoints(db: Database, merchant: AuthenticatedMerchant) {
  return listEndpoints(db, merchant.merchantId, 100);
}

/** Disables the endpoint; `NOT_FOUND` when it is not the merchant's or already deleted. */
export async function deleteEndpoint(
  db: Database,
  merchant: AuthenticatedMerchant,
  id: string,
): Promise<void> {
  if (!(await disableEndpoint(db, merchant.merchantId, id))) {
    throw new DomainError('NOT_FOUND', `No webhook endpoint ${id.slice(0, 64)}.`, 'endpoint_id');
  }
}
