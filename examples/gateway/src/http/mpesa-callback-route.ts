import {
  createIpAllowlist,
  resultAcknowledgement,
  stkCallbackAcknowledgement,
} from '@malipo/daraja';
import type { Context } from 'hono';
import { acceptCallback } from '../callbacks/accept-callback.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../errors/domain-error.js';
import type { IngestSignal } from '../jobs/ingest-signal.js';
import type { Mode } from '../merchants/merchant.js';
import type { CallbackTokens } from '../mpesa/callback-tokens.js';
import { acceptResult } from '../results/accept-result.js';
import type { ResultPurpose } from '../stores/results-store.js';
import type { AppEnv } from './app-env.js';
import { readLimitedText } from './read-body.js';

export interface CallbackRouteOptions {
  /** Each mode's secret path token (and a rotated-out one during its overlap). */
  tokens: CallbackTokens;
  bodyLimitBytes: number;
  /** Whether each mode checks Safaricom's source addresses (the simulator calls from loopback). */
  allowlist: Record<Mode, boolean>;
  trustedProxies: readonly string[];
  /** Told of each body arriving and stored: the outbox relay, when it runs in this process. */
  ingest: IngestSignal;
}

/**
 * The checks every M-Pesa callback passes first: the unguessable path token says which mode it
 * is for (a wrong one is a plain 404), and the source address is checked where that mode talks
 * to Safaricom. Answers the mode, or the refusal to send.
 */
function callbackSource(options: CallbackRouteOptions) {
  const allowlist = createIpAllowlist({ trustedProxies: options.trustedProxies });
  return async (
    c: Context<AppEnv>,
  ): Promise<{ mode: Mode; remote: string | undefined } | Response> => {
    const mode = await options.tokens.modeOf(c.req.param('token') ?? '');
    if (!mode) throw new DomainError('NOT_FOUND', 'Not found.');
    const remote = c.env?.incoming?.socket?.remoteAddress;
    if (
      options.allowlist[mode] &&
      !allowlist.check(remote, c.req.header('x-forwarded-for')).allowed
    ) {
      return c.json({ ResultCode: 1, ResultDesc: 'Source address not allowed' }, 403);
    }
    return { mode, remote };
  };
}

/**
 * `POST /callbacks/mpesa/:token`: STK callbacks. After the source checks the raw body is
 * persisted before acknowledging — milliseconds, with nothing to lose after the 200.
 */
export function mpesaCallbackRoute(db: Database, options: CallbackRouteOptions) {
  const source = callbackSource(options);
  return async (c: Context<AppEnv>) => {
    const from = await source(c);
    if (from instanceof Response) return from;
    const accepted = await arriving(
      options.ingest,
      async () =>
        acceptCallback(
          db,
          await readLimitedText(c, options.bodyLimitBytes),
          from.remote,
          from.mode,
        ),
      (accepted) => accepted.kind !== 'unstorable',
    );
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

/** Reads and stores one body as an arrival the ingest signal counts; `queued` says it awaits processing. */
async function arriving<T>(
  ingest: IngestSignal,
  store: () => Promise<T>,
  queued: (accepted: T) => boolean,
): Promise<T> {
  const done = ingest.arriving();
  let accepted: T | undefined;
  try {
    accepted = await store();
    return accepted;
  } finally {
    done(accepted !== undefined && queued(accepted));
  }
}

const purposes: readonly ResultPurpose[] = ['payout', 'refund', 'status', 'balance'];
const targetPattern = /^[\w-]{1,64}$/;

/**
 * `POST /callbacks/mpesa/:token/{results|timeouts}/:purpose/:target`: asynchronous results of
 * B2C, reversal, transaction status and account balance requests, and their queue timeouts. The
 * path names what the result is for (the gateway chose it when sending the request), so results
 * match without trusting the body; the body is persisted raw before acknowledging.
 */
export function mpesaResultRoute(
  db: Database,
  kind: 'result' | 'timeout',
  options: CallbackRouteOptions,
) {
  const source = callbackSource(options);
  return async (c: Context<AppEnv>) => {
    const from = await source(c);
    if (from instanceof Response) return from;
    const purpose = c.req.param('purpose') as ResultPurpose;
    const target = c.req.param('target') ?? '';
    if (!purposes.includes(purpose) || !targetPattern.test(target)) {
      throw new DomainError('NOT_FOUND', 'Not found.');
    }
    const accepted = await arriving(
      options.ingest,
      async () =>
        acceptResult(db, {
          body: await readLimitedText(c, options.bodyLimitBytes),
          remote: from.remote,
          mode: from.mode,
          kind,
          purpose,
          targetId: target,
        }),
      (accepted) => accepted.kind === 'accepted',
    );
    switch (accepted.kind) {
      case 'unstorable':
        return c.json({ ResultCode: 1, ResultDesc: `Rejected: ${accepted.reason}` }, 400);
      case 'not_a_result':
        return c.json({ ResultCode: 1, ResultDesc: 'Rejected: not a Daraja Result body' }, 400);
      case 'accepted':
        return c.json(resultAcknowledgement);
    }
  };
}
