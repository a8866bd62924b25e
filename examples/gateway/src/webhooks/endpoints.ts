import { randomBytes } from 'node:crypto';
import type { CreateWebhookEndpointRequest } from '@malipo/contract';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';
import {
  countEndpointsLocked,
  disableEndpoint,
  type EndpointRow,
  insertEndpoint,
  listEndpoints,
} from '../stores/endpoints-store.js';
import { cancelPendingDeliveries } from '../stores/events-store.js';
import type { After } from '../stores/rows.js';
import { checkWebhookUrl } from './destination.js';

/**
 * Registers an endpoint with a new signing secret (returned here only). Tied to the idempotency
 * key in the same transaction, so a retried registration never makes a second endpoint.
 */
export async function createEndpoint(
  db: Database,
  merchant: AuthenticatedMerchant,
  input: CreateWebhookEndpointRequest,
  options: { allowPrivate: boolean; maxEndpoints: number; scope: IdempotencyScope },
): Promise<EndpointRow & { secret: string }> {
  await checkWebhookUrl(input.url, options.allowPrivate, 'url');
  const id = newId('we');
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const row = await db.transaction(async (tx) => {
    // Every event fans out to each endpoint: the cap bounds what one API call can cause.
    if ((await countEndpointsLocked(tx, merchant)) >= options.maxEndpoints) {
      throw new DomainError(
        'INVALID_REQUEST',
        `At most ${options.maxEndpoints} webhook endpoints per merchant: delete one first (or subscribe one endpoint to more events).`,
        'url',
      );
    }
    const created = await insertEndpoint(tx, {
      id,
      scope: { merchantId: merchant.merchantId, mode: merchant.mode },
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

/** One page of the merchant's enabled endpoints, newest first (`limit + 1` rows). */
export function listMerchantEndpoints(
  db: Database,
  merchant: AuthenticatedMerchant,
  after: After | undefined,
  limit: number,
) {
  return listEndpoints(db, merchant, after, limit);
}

/**
 * Disables the endpoint and cancels its pending deliveries in the same transaction: a deleted
 * endpoint receives nothing more. `NOT_FOUND` when it is not the merchant's or already deleted.
 */
export async function deleteEndpoint(
  db: Database,
  merchant: AuthenticatedMerchant,
  id: string,
): Promise<{ cancelledDeliveries: number }> {
  return db.transaction(async (tx) => {
    if (!(await disableEndpoint(tx, merchant, id))) {
      throw new DomainError('NOT_FOUND', `No webhook endpoint ${id.slice(0, 64)}.`, 'endpoint_id');
    }
    const cancelled = await cancelPendingDeliveries(
      tx,
      { endpointId: id },
      'endpoint deleted before delivery',
    );
    return { cancelledDeliveries: cancelled.length };
  });
}
