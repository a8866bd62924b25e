import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { Database } from '../db/database.js';
import type { AppEnv } from '../http/app-env.js';
import { readJsonBody } from '../http/json-body.js';
import {
  createMerchant,
  issueKey,
  merchantKeys,
  revokeApiKey,
  rollKeySecret,
  rotateMerchantWebhookSecret,
} from '../merchants/operations.js';
import type { CallbackTokens } from '../mpesa/callback-tokens.js';
import { reviewPayment } from '../payments/review.js';
import { createLoginLink } from '../sign-in/sign-in.js';
import { iso } from '../stores/rows.js';

const createMerchantBody = z.strictObject({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
});
const createKeyBody = z.strictObject({
  mode: z.enum(['test', 'live'], { error: 'mode must be test or live.' }),
});
/** A rotation of one mode's webhook secret or callback path. */
const rotateBody = z.strictObject({
  mode: z.enum(['test', 'live'], { error: 'mode must be test or live.' }),
  /** How long the previous one keeps working beside the new one: 0 to 7 days. @default 86400 */
  overlap_seconds: z.optional(z.int().check(z.minimum(0), z.maximum(604_800))),
});

/** A person's decision on a payment flagged for review. */
const reviewBody = z.strictObject({
  outcome: z.optional(
    z.enum(['COMPLETED', 'FAILED'], { error: 'outcome must be COMPLETED or FAILED.' }),
  ),
  note: z.string({ error: 'note is required: say why, for the audit trail.' }).check(
    z.refine((note) => note.trim().length > 0, 'note must say why, for the audit trail.'),
    z.maxLength(500, 'note is at most 500 characters.'),
  ),
  receipt: z.optional(
    z
      .string()
      .check(
        z.regex(
          /^[A-Z0-9]{6,20}$/,
          'receipt is an M-Pesa receipt number: 6 to 20 capital letters and digits.',
        ),
      ),
  ),
});

/**
 * Operator routes (`/admin/v1/*`, behind the admin token): merchants, API keys (issue, list,
 * revoke, roll the secret), webhook secret rotation with an overlap, dashboard sign-in links, and
 * the end of a flagged payment's review. The `admin` command and the dashboard use them; they work
 * while the gateway runs, on either database.
 */
export function adminRoutes(
  db: Database,
  bodyLimitBytes: number,
  callbackTokens: CallbackTokens,
  publicUrl: string,
) {
  const app = new Hono<AppEnv>();
  const body = <S extends z.ZodMiniType>(c: Parameters<typeof readJsonBody>[0], schema: S) =>
    readJsonBody(c, schema, bodyLimitBytes).then((parsed) => parsed.value);

  app.post('/merchants', async (c) => {
    const { name } = await body(c, createMerchantBody);
    const created = await createMerchant(db, name);
    return c.json(
      {
        success: true,
        merchant_id: created.merchantId,
        webhook_secret: created.webhookSecret,
        live_webhook_secret: created.liveWebhookSecret,
        api_key: created.apiKey,
        api_secret: created.apiSecret,
      },
      201,
    );
  });

  app.post('/merchants/:merchant_id/keys', async (c) => {
    const { mode } = await body(c, createKeyBody);
    const key = await issueKey(db, c.req.param('merchant_id'), mode);
    return c.json(
      { success: true, key_id: key.keyId, api_key: key.apiKey, api_secret: key.apiSecret, mode },
      201,
    );
  });

  app.get('/merchants/:merchant_id/keys', async (c) => {
    const keys = await merchantKeys(db, c.req.param('merchant_id'));
    return c.json({
      success: true,
      data: keys.map((key) => ({
        key_id: key.id,
        api_key: key.key,
        mode: key.mode,
        created_at: iso(key.created_at),
        revoked_at: key.revoked_at ? iso(key.revoked_at) : null,
      })),
    });
  });

  app.post('/keys/:key_id/revoke', async (c) => {
    await revokeApiKey(db, c.req.param('key_id'));
    return c.json({ success: true, key_id: c.req.param('key_id'), revoked: true });
  });

  app.post('/keys/:key_id/roll', async (c) => {
    const rolled = await rollKeySecret(db, c.req.param('key_id'));
    return c.json({
      success: true,
      key_id: rolled.keyId,
      api_key: rolled.apiKey,
      api_secret: rolled.apiSecret,
      mode: rolled.mode,
    });
  });

  app.post('/merchants/:merchant_id/webhook-secret/rotate', async (c) => {
    const { mode, overlap_seconds } = await body(c, rotateBody);
    const rotated = await rotateMerchantWebhookSecret(
      db,
      c.req.param('merchant_id'),
      mode,
      overlap_seconds ?? 86_400,
    );
    return c.json({
      success: true,
      merchant_id: rotated.merchantId,
      mode: rotated.mode,
      webhook_secret: rotated.webhookSecret,
      previous_valid_until: iso(rotated.previousValidUntil),
    });
  });

  app.post('/merchants/:merchant_id/login-links', async (c) => {
    const link = await createLoginLink(db, c.req.param('merchant_id'), publicUrl);
    return c.json({ success: true, url: link.url, expires_in_seconds: link.expiresInSeconds }, 201);
  });

  app.post('/payments/:payment_id/review', async (c) => {
    const decision = await body(c, reviewBody);
    const payment = await reviewPayment(db, c.req.param('payment_id'), {
      ...decision,
      note: decision.note.trim(),
    });
    return c.json({
      success: true,
      payment_id: payment.id,
      status: payment.status,
      receipt: payment.receipt,
      flagged_reason: payment.flagged_reason,
    });
  });

  app.post('/callback-token/rotate', async (c) => {
    const { mode, overlap_seconds } = await body(c, rotateBody);
    // Pushes already sent name the old URL: it keeps working for the overlap (Daraja's callbacks
    // come within minutes; a day by default leaves room for reconciliation's queries too).
    const rotated = await callbackTokens.rotate(mode, overlap_seconds ?? 86_400);
    return c.json({ success: true, mode, previous_valid_until: rotated.until.toISOString() });
  });

  return app;
}
