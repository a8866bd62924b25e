import { createPaymentRequest, listPaymentsQuery } from '@malipo/contract';
import { isDarajaError } from '@malipo/daraja';
import { Hono } from 'hono';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { readJsonBody, validate } from '../http/json-body.js';
import { idempotent } from '../idempotency/idempotency.js';
import { dateFilter, decodeCursor, toPage } from '../pagination/cursor.js';
import { createPayment, type PaymentDeps } from './create-payment.js';
import { type PaymentRow, toPayment } from './payment-row.js';
import { queryPayment } from './reconcile.js';

const paymentIdPattern = /^pay_[a-z0-9]{20}$/;

/** Seed 000's payment routes and their `/api/v1` twins: one handler per operation. */
export function paymentRoutes(deps: PaymentDeps) {
  const app = new Hono<AppEnv>();
  const { db } = deps;

  const create = async (c: import('hono').Context<AppEnv>) => {
    const merchant = c.get('merchant');
    const body = await readJsonBody(c, createPaymentRequest, deps.config.bodyLimitBytes);
    const result = await idempotent(
      db,
      {
        merchantId: merchant.merchantId,
        key: c.req.header('idempotency-key'),
        operation: 'createPayment',
        rawBody: body.raw,
      },
      (scope) => createPayment(deps, merchant, body.value, scope),
    );
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(result.body as object, result.status as 201);
  };
  app.post('/api/v1/payments', create);
  app.post('/api/payments/create', create);

  const load = async (merchantId: string, id: string): Promise<PaymentRow> => {
    if (!paymentIdPattern.test(id))
      throw new ApiError('NOT_FOUND', `No payment ${id.slice(0, 64)}.`, 'payment_id');
    const rows = await db.query<PaymentRow>(
      'select * from payments where id = $1 and merchant_id = $2',
      [id, merchantId],
    );
    const row = rows[0];
    if (!row) throw new ApiError('NOT_FOUND', `No payment ${id}.`, 'payment_id');
    return row;
  };

  const retrieve = async (c: import('hono').Context<AppEnv>) => {
    const row = await load(c.get('merchant').merchantId, c.req.param('id') ?? '');
    return c.json({ success: true, ...toPayment(row) });
  };
  app.get('/api/v1/payments/:id', retrieve);
  app.get('/api/payments/:id', retrieve);

  const list = async (c: import('hono').Context<AppEnv>) => {
    const query = validate(listPaymentsQuery, c.req.query());
    const limit = query.limit ?? 20;
    const after = decodeCursor(query.cursor);
    const rows = await db.query<PaymentRow & { position: string }>(
      `select *, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position
       from payments
       where merchant_id = $1
         and ($2::text is null or status = $2)
         and ($3::text is null or provider = $3)
         and ($4::timestamptz is null or created_at >= $4)
         and ($5::timestamptz is null or created_at < $5)
         and ($6::timestamptz is null or (created_at, id) < ($6, $7))
       order by created_at desc, id desc limit $8`,
      [
        c.get('merchant').merchantId,
        query.status ?? null,
        query.provider ?? null,
        dateFilter(query.created_from, 'created_from') ?? null,
        dateFilter(query.created_to, 'created_to') ?? null,
        after?.createdAt ?? null,
        after?.id ?? '',
        limit + 1,
      ],
    );
    return c.json(toPage(rows, limit, (page) => page.map((row) => toPayment(row))));
  };
  app.get('/api/v1/payments', list);
  app.get('/api/payments', list);

  app.post('/api/v1/payments/:id/query', async (c) => {
    const row = await load(c.get('merchant').merchantId, c.req.param('id'));
    try {
      const current = (await queryPayment(deps, row.id, 'query')) ?? row;
      return c.json({ success: true, ...toPayment(current) });
    } catch (error) {
      if (isDarajaError(error))
        throw new ApiError('PROVIDER_ERROR', `M-Pesa could not answer the query: ${error.message}`);
      throw error;
    }
  });

  return app;
}
