import { timingSafeEqual } from 'node:crypto';
import { createIpAllowlist, stkCallbackAcknowledgement } from '@malipo/daraja';
import type { Context } from 'hono';
import { acceptCallback } from '../callbacks/accept-callback.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { Jobs } from '../jobs/jobs.js';
import type { AppEnv } from './app-env.js';
import { readLimitedText } from './read-body.js';

export interface CallbackRouteOptions {
  token: string;
  bodyLimitBytes: number;
  /** false: accept any source (the simulator calls from loopback). */
  allowlist: false | { trustedProxies: readonly string[] };
}

/**
 * `POST /callbacks/mpesa/:token`: checks the unguessable path token (constant time; a wrong one
 * is a plain 404) and the source address, then persists the raw body before acknowledging —
 * milliseconds, with nothing to lose after the 200.
 */
export function mpesaCallbackRoute(db: Database, jobs: Jobs, options: CallbackRouteOptions) {
  const expected = Buffer.from(options.token);
  const allowlist = options.allowlist
    ? createIpAllowlist({ trustedProxies: options.allowlist.trustedProxies })
    : undefined;
  return async (c: Context<AppEnv>) => {
    const presented = Buffer.from(c.req.param('token') ?? '');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new DomainError('NOT_FOUND', 'Not found.');
    }
    const remote = c.env?.incoming?.socket?.remoteAddress;
    if (allowlist && !allowlist.check(remote, c.req.header('x-forwarded-for')).allowed) {
      return c.json({ ResultCode: 1, ResultDesc: 'Source address not allowed' }, 403);
    }
    const body = await readLimitedText(c, options.bodyLimitBytes);
    const accepted = await acceptCallback(db, jobs, body, remote);
    switch (accepted.kind) {
      case 'unstorable':
        return c.json({ ResultCode: 1, ResultDesc: `Rejected: ${accepted.reason}` }, 400);
      case 'not_stk_callback':
        return c.json({ ResultCode: 1, ResultDesc: 'Rejected: not an STK callback body' }, 400);
      case 'accepted':
        return c.json(stkCallbackAcknowledgement);
    }
  };
}
