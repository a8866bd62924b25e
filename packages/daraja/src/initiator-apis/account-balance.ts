import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import type { DarajaTransport } from '../http/transport.js';
import { lazy } from '../internal/lazy.js';
import type { TokenCache } from '../token/token-cache.js';
import { type AsyncRequestAccepted, sendInitiatorRequest } from './accepted.js';
import {
  parseInput,
  type ResultUrlsInput,
  requireInitiator,
  resolveResultUrls,
  text,
} from './common.js';

/** Arguments of `accountBalance`; every one is optional. */
export interface AccountBalanceInput extends ResultUrlsInput {
  /** @default 'Account balance query' */
  remarks?: string | undefined;
  signal?: AbortSignal | undefined;
}

const inputSchema = /* @__PURE__ */ lazy(() => z.object({ remarks: z.optional(text(2, 100)) }));

/**
 * POST /mpesa/accountbalance/v1/query for the client's `b2cShortcode`. A read: retried on
 * transient failures.
 */
export async function accountBalance(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
  tokens: TokenCache,
  input: AccountBalanceInput = {},
): Promise<AsyncRequestAccepted> {
  const data = parseInput(inputSchema(), input, 'accountBalance');
  const initiator = requireInitiator(config, 'accountBalance');
  const urls = resolveResultUrls(config, input);
  return sendInitiatorRequest(transport, tokens, {
    what: 'account balance',
    path: '/mpesa/accountbalance/v1/query',
    json: {
      Initiator: initiator.name,
      SecurityCredential: initiator.securityCredential,
      CommandID: 'AccountBalance',
      PartyA: config.b2cShortcode,
      // 4 = organisation shortcode.
      IdentifierType: '4',
      Remarks: data.remarks?.trim() ?? 'Account balance query',
      QueueTimeOutURL: urls.queueTimeoutUrl,
      ResultURL: urls.resultUrl,
    },
    retry: true,
    signal: input.signal,
  });
}
