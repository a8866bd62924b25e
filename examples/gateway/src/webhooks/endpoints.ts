import { randomBytes } from 'node:crypto';
import type { CreateWebhookEndpointRequest } from '@malipo/contract';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IdempotencyScope } from '../idempotency/idempotency.js';
import { newId } from '../ids/ids.js';
import {
  countEndpointsLocked,
  disableEndpoint,
  type EndpointRow,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  replaceEndpointSecret,
  updateEndpoint,
} from '../stores/endpoints-store.js';
import { cancelPendingDeliveries, handOverDeliveries } from '../stores/events-store.js';
import type { After, Scope } from '../stores/rows.js';
import { checkWebhookUrl } from './destination.js';

const newEndpointSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const notFound = (id: string) =>
  new DomainError('NOT_FOUND', `No webhook endpoint ${id.slice(0, 64)}.`, 'endpoint_id');

/**
 * Registers an endpoint with a new signing secret (returned here only). Tied to the idempotency
 * key in the same transaction, so a retried registration never makes a second endpoint.
 */
export async function createEndpoint(
  db: Database,
  merchant: Scope,
  input: CreateWebhookEndpointRequest,
  options: { allowPrivate: boolean; maxEndpoints: number; scope: IdempotencyScope },
): Promise<EndpointRow & { secret: string }> {
  await checkWebhookUrl(input.url, options.allowPrivate, 'url');
  const id = newId('we');
  const secret = newEndpointSecret();
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
  merchant: Scope,
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
  merchant: Scope,
  id: string,
): Promise<{ cancelledDeliveries: number }> {
  return db.transaction(async (tx) => {
    if (!(await disableEndpoint(tx, merchant, id))) {
      throw new DomainError('NOT_FOUND', `No webhook endpoint ${id.slice(0, 64)}.`, 'endpoint_id');
    }
    // What another endpoint at the URL, or the payment's own callback_url, still wants is kept.
    await handOverDeliveries(tx, id);
    const cancelled = await cancelPendingDeliveries(
      tx,
      { endpointId: id },
      'endpoint deleted before delivery',
    );
    return { cancelledDeliveries: cancelled.length };
  });
}

/** One of the merchant's endpoints, or `NOT_FOUND`. */
export async function merchantEndpoint(db: Database, merchant: Scope, id: string) {
  const row = await findEndpoint(db, merchant, id);
  if (!row) throw notFound(id);
  return row;
}

/**
 * Changes what an endpoint is sent: its event types, and whether it is paused (kept, sent no new
 * events; deliveries already queued still go out).
 */
export async function changeEndpoint(
  db: Database,
  merchant: Scope,
  id: string,
  change: { events: readonly string[]; paused: boolean },
): Promise<EndpointRow> {
  if (change.events.length === 0) {
    throw new DomainError('INVALID_REQUEST', 'Choose at least one event type.', 'events');
  }
  const row = await updateEndpoint(db, merchant, id, change);
  if (!row) throw notFound(id);
  return row;
}

/**
 * A new signing secret for one endpoint (returned here only). During `overlapSeconds` deliveries
 * carry signatures of both, so the receiver can switch without dropping one.
 */
export async function rotateEndpointSecret(
  db: Database,
  merchant: Scope,
  id: string,
  overlapSeconds: number,
): Promise<string> {
  const secret = newEndpointSecret();
  if (!(await replaceEndpointSecret(db, merchant, id, secret, overlapSeconds))) throw notFound(id);
  return secret;
}
