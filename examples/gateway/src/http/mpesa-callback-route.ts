import { createIpAllowlist, stkCallbackAcknowledgement } from '@malipo/daraja';
import type { Context } from 'hono';
import { acceptCallback } from '../callbacks/accept-callback.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Mode } from '../merchants/merchant.js';
import type { CallbackTokens } from '../mpesa/callback-tokens.js';
import type { AppEnv } from './app-env.js';
import { readLimitedText } from './read-body.js';

export interface CallbackRouteOptions {
  /** Each mode's secret path token (and a rotated-out one during its overlap). */
  tokens: CallbackTokens;
  bodyLimitBytes: number;
  /** Whether each mode checks Safaricom's source addresses (the simulator calls from loopback). */
  allowlist: Record<Mode, boolean>;
  trustedProxies: readonly string[];
}

/**
 * `POST /callbacks/mpesa/:token`: the unguessable path token says which mode the callback is for
 * (a wrong one is a plain 404), the source address is checked where that mode talks to Safaricom,
 * then the raw body is persisted before acknowledging — milliseconds, with nothing to lose after
 * the 200.
 */
export function mpesaCallbackRoute(db: Database, jobs: Jobs, options: CallbackRouteOptions) {
  const allowlist = createIpAllowlist({ trustedProxies: options.trustedProxies });
  return async (c: Context<AppEnv>) => {
    const mode = await options.tokens.modeOf(c.req.param('token') ?? '');
    if (!mode) throw new DomainError('NOT_FOUND', 'Not found.');
    const remote = c.env?.incoming?.socket?.remoteAddress;
    if (
      options.allowlist[mode] &&
      !allowlist.check(remote, c.req.header('x-forwarded-for')).allowed
    ) {
      return c.json({ ResultCode: 1, ResultDesc: 'Source address not allowed' }, 403);
    }
    const body = await readLimitedText(c, options.bodyLimitBytes);
    const accepted = await acceptCallback(db, jobs, body, remote, mode);
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
