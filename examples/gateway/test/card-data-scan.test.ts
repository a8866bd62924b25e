import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Malipo } from '@malipo/client';
import type { CreatePaymentRequest } from '@malipo/contract';
import { afterAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../src/db/database.js';
import { openPglite } from '../src/db/pglite.js';
import { type ChildGateway, freePort, spawnGateway } from './support/child-gateway.js';
import { databaseKinds } from './support/databases.js';
import { eventually, startTestGateway } from './support/harness.js';

const numbers = ['4111111111111111', '4000000000000002', '4000000000009995'];
/** A CVV no id or timestamp of ours will contain next to a card key. */
const cvv = '731';

const payment = (number: string): CreatePaymentRequest => ({
  amount_cents: 12_345,
  currency: 'KES',
  provider: 'BUNI',
  card: { number, expiry: '12/25', cvv },
  metadata: { order_reference: 'SCAN-1' },
});

/** Every row of every table the gateway owns (its own and pg-boss's), as text. */
async function everyRow(db: Queryable): Promise<string> {
  const tables = await db.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`,
  );
  expect(tables.map((t) => t.name)).toContain('payments');
  const columns = await db.query<{ name: string }>(
    `select table_name || '.' || column_name as name from information_schema.columns
     where table_schema not in ('pg_catalog', 'information_schema')`,
  );
  expect(columns.filter((c) => /cvv|cvc/i.test(c.name))).toEqual([]);
  const dumps: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await db.query<{ row: string }>(
      `select t::text as row from "${schema}"."${name}" t`,
    );
    dumps.push(...rows.map((r) => r.row));
  }
  return dumps.join('\n');
}

/**
 * A field named for a CVV (`"cvv":`, `"card_cvc":`, …). Matched as a JSON key, not as three letters
 * anywhere: the rows hold base64 webhook secrets and signatures, where "cVc" turns up by chance.
 */
const cvvField = /"[^"\s]*(cvv|cvc)[^"\s]*"\s*:/i;

/** No full card number, and no CVV under any name, anywhere in `text`. */
function expectNoCardData(text: string, where: string) {
  for (const number of numbers)
    expect(text.includes(number), `${where} holds ${number}`).toBe(false);
  expect(text.match(cvvField)?.[0], `${where} names a CVV`).toBeUndefined();
  expect(text.includes(`"${cvv}"`), `${where} holds the CVV`).toBe(false);
}

describe.each(databaseKinds)('card data at rest on %s', (kind) => {
  it('after card payments of every outcome, no table holds a card number or CVV', async () => {
    const gw = await startTestGateway(kind);
    try {
      const ids: string[] = [];
      for (const number of numbers)
        ids.push((await gw.client.payments.create(payment(number))).payment_id);
      gw.gateway.buni.simulator.failNext({ status: 503, afterCharge: true });
      ids.push((await gw.client.payments.create(payment(numbers[0] as string))).payment_id);
      await eventually(
        () => Promise.all(ids.map((id) => gw.client.payments.retrieve(id))),
        (all) => all.every((p) => p.status !== 'PENDING'),
      );
      const text = await everyRow(gw.gateway.db);
      expect(text).toContain('1111'); // the last four are kept: the scan sees card rows
      expectNoCardData(text, `the ${kind} database`);
    } finally {
      await gw.close();
    }
  });
});

describe('card data in the logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'malipo-card-scan-'));
  let gateway: ChildGateway | undefined;
  afterAll(async () => {
    await gateway?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a gateway logging at debug level writes no card number or CVV, nor does its data folder', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dataDir = join(dir, 'data');
    gateway = await spawnGateway(
      {
        DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'debug',
        TEST_PROCESSING_DELAY: '150',
        API_KEY: 'sk_test_card_scan_0001',
        API_SECRET: 'secret_card_scan_0001',
      },
      url,
    );
    const client = new Malipo({
      apiKey: 'sk_test_card_scan_0001',
      apiSecret: 'secret_card_scan_0001',
      baseUrl: url,
    });
    for (const number of numbers) {
      const created = await client.payments.create(payment(number));
      await client.payments.retrieve(created.payment_id);
    }
    // A refused one too: the refusal names the field, never echoes the value.
    const refused = await fetch(`${url}/api/v1/payments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'sk_test_card_scan_0001',
        'x-api-secret': 'secret_card_scan_0001',
      },
      body: JSON.stringify(payment('4111111111111112')),
    });
    const refusal = await refused.text();
    expect(refused.status).toBe(400);
    expect(refusal).not.toContain('4111111111111112');
    await gateway.kill('SIGTERM');
    const logs = gateway.output();
    // The card requests were logged (and the card simulator's), at the most verbose level.
    expect(logs.match(/"path":"\/api\/v1\/payments","status":201/g)).toHaveLength(3);
    expectNoCardData(logs, 'the logs');
    const db = await openPglite(dataDir);
    try {
      expectNoCardData(await everyRow(db), 'the data folder');
    } finally {
      await db.close();
    }
  });
});
