/**
 * The floors the gateway's paths are measured against: bare Hono on loopback doing only the
 * database work of each path (the same tables, the same kind of statements, no logic), on the
 * gateway's own database. No gateway can answer faster than its floor on the same machine.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Database } from '../src/db/database.js';
import { newId } from '../src/ids/ids.js';
import { type LoadOptions, load, type Run } from './load.js';

/** Serves `app` on loopback for one load run. */
async function measure(app: Hono, options: Omit<LoadOptions, 'url'>): Promise<Run> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  try {
    return await load({ ...options, url: `http://127.0.0.1:${port}/` });
  } finally {
    server.close();
  }
}

/** Bare Hono answering "Hello World": the HTTP floor of the machine. */
export function helloWorld(): Promise<Run> {
  const app = new Hono();
  app.get('/', (c) => c.text('Hello World'));
  return measure(app, {});
}

const json = { 'content-type': 'application/json' };

/** One insert of the raw callback body per request: what acknowledging an STK callback needs. */
export function callbackFloor(db: Database, body: string): Promise<Run> {
  const app = new Hono();
  app.post('/', async (c) => {
    await db.query(
      // Stored as processed, so the gateway's relay (running beside) leaves floor rows alone.
      `insert into mpesa_callbacks (id, mode, checkout_request_id, body, remote_address, queued_at, processed_at)
       values ($1, $2, $3, $4, $5, now(), now())`,
      [newId('cb'), 'test', 'ws_CO_floor', await c.req.text(), '127.0.0.1'],
    );
    return c.json({ ResultCode: 0, ResultDesc: 'Accepted' });
  });
  return measure(app, { method: 'POST', headers: json, body });
}

/** One insert of the raw result body per request: what acknowledging a B2C result needs. */
export function resultFloor(db: Database, body: string): Promise<Run> {
  const app = new Hono();
  app.post('/', async (c) => {
    await db.query(
      `insert into mpesa_results (id, mode, kind, purpose, target_id, body, queued_at, processed_at)
       values ($1, 'test', 'result', 'payout', 'po_floor', $2, now(), now())`,
      [newId('res'), await c.req.text()],
    );
    return c.json({ ResultCode: 0, ResultDesc: 'Accepted' });
  });
  return measure(app, { method: 'POST', headers: json, body });
}

/**
 * Three transactions of two statements per request, the database work of a create as first
 * measured: claim the idempotency key and insert the payment; record the provider's reference and
 * the event; complete the key and read the payment back. With `push`, the STK push too: what no
 * create can skip.
 */
export function createFloor(
  db: Database,
  merchantId: string,
  body: string,
  /** With it, the floor also sends the STK push (to the gateway's Daraja) between 1 and 2. */
  push?: (id: string) => Promise<unknown>,
): Promise<Run> {
  const app = new Hono();
  app.post('/', async (c) => {
    const request = (await c.req.json()) as { amount_cents: number; currency: string };
    const id = newId('pay');
    const key = newId('key');
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into idempotency_keys (merchant_id, key, request_hash, state, locked_until, expires_at, owner, mode)
         values ($1, $2, 'h', 'in_flight', now() + interval '2 minutes', now() + interval '1 day', 'o', 'test')`,
        [merchantId, key],
      );
      await tx.query(
        `insert into payments (id, merchant_id, mode, status, amount_cents, currency, provider)
         values ($1, $2, 'test', 'PENDING', $3, $4, 'MPESA_SAFARICOM')`,
        [id, merchantId, request.amount_cents, request.currency],
      );
    });
    await push?.(id);
    await db.transaction(async (tx) => {
      await tx.query('update payments set provider_reference = $2 where id = $1', [id, `ws_${id}`]);
      await tx.query(
        `insert into events (id, merchant_id, mode, type, payment_id, body) values ($1, $2, 'test', 'payment.pending', $3, '{}')`,
        [newId('evt'), merchantId, id],
      );
    });
    const payment = await db.transaction(async (tx) => {
      await tx.query(
        `update idempotency_keys set state = 'done', response_status = 201, response_body = '{}'
         where merchant_id = $1 and key = $2 and mode = 'test'`,
        [merchantId, key],
      );
      return tx.query('select * from payments where id = $1', [id]);
    });
    return c.json(payment[0], 201);
  });
  return measure(app, { method: 'POST', headers: json, body });
}
