import { timingSafeEqual } from 'node:crypto';
import { createIpAllowlist, stkCallbackAcknowledgement } from '@malipo/daraja';
import type { Context } from 'hono';
import type { Database } from '../db/database.js';
import { ApiError } from '../http/api-error.js';
import type { AppEnv } from '../http/app-env.js';
import { readLimitedText } from '../http/read-body.js';
import { unstorableJson, unstorableText } from '../http/storable-json.js';
import { newId } from '../ids/ids.js';
import type { Jobs } from '../jobs/jobs.js';
import { queues } from '../jobs/queues.js';

export interface CallbackIngestOptions {
  token: string;
  bodyLimitBytes: number;
  /** false: accept any source (the simulator calls from loopback). */
  allowlist: false | { trustedProxies: readonly string[] };
}

/**
 * `POST /callbacks/mpesa/:token`: checks the unguessable path token (constant time; a wrong one
 * is a plain 404) and the source address, then persists the raw body and queues its processing in
 * one transaction before acknowledging — milliseconds, with nothing to lose after the 200.
 */
export function callbackIngest(db: Database, jobs: Jobs, options: CallbackIngestOptions) {
  const expected = Buffer.from(options.token);
  const allowlist = options.allowlist
    ? createIpAllowlist({ trustedProxies: options.allowlist.trustedProxies })
    : undefined;
  return async (c: Context<AppEnv>) => {
    const presented = Buffer.from(c.req.param('token') ?? '');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new ApiError('NOT_FOUND', 'Not found.');
    }
    const remote = c.env?.incoming?.socket?.remoteAddress;
    if (allowlist && !allowlist.check(remote, c.req.header('x-forwarded-for')).allowed) {
      return c.json({ ResultCode: 1, ResultDesc: 'Source address not allowed' }, 403);
    }
    const body = await readLimitedText(c, options.bodyLimitBytes);
    const parsed = parseJson(body);
    // PostgreSQL cannot store NUL or lone surrogates (raw or \u-escaped), and no Daraja callback
    // holds them: refuse with the reason and keep nothing, rather than fail later on every retry.
    const problem = unstorableText(body) ?? unstorableJson(parsed);
    if (problem) {
      return c.json({ ResultCode: 1, ResultDesc: `Rejected: ${problem}` }, 400);
    }
    const checkoutRequestId = checkoutRequestIdOf(parsed);
    const id = newId('cb');
    await db.transaction(async (tx) => {
      await tx.query(
        'insert into mpesa_callbacks (id, checkout_request_id, body, remote_address) values ($1, $2, $3, $4)',
        [id, checkoutRequestId ?? null, body, remote ?? null],
      );
      await jobs.send(queues.callback, { callbackId: id }, { tx });
    });
    if (checkoutRequestId === undefined) {
      // Kept for the audit trail, but Daraja (or whoever sent it) should know it was unusable.
      return c.json({ ResultCode: 1, ResultDesc: 'Rejected: not an STK callback body' }, 400);
    }
    return c.json(stkCallbackAcknowledgement);
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function checkoutRequestIdOf(parsed: unknown): string | undefined {
  const id = (parsed as { Body?: { stkCallback?: { CheckoutRequestID?: unknown } } } | null)?.Body
    ?.stkCallback?.CheckoutRequestID;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : undefined;
}
