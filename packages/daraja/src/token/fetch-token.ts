import * as z from 'zod/mini';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaAuthError, DarajaResponseError, isDarajaApiError } from '../errors/api-errors.js';
import type { DarajaTransport } from '../http/transport.js';
import { base64Utf8 } from '../internal/base64.js';
import { lazy } from '../internal/lazy.js';
import { firstIssue } from '../internal/zod-issue.js';
import type { CachedToken } from './token-store.js';

const tokenResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    access_token: z.string().check(z.minLength(1, 'access_token is empty')),
    // Documented as a number, sent as a string ("3599") in practice: accept both.
    expires_in: z.union([
      z.number(),
      z.string().check(z.regex(/^\s*\d+(\.\d+)?\s*$/, 'expires_in is not a number')),
    ]),
  }),
);

/** Requests a new OAuth token. Retried on transient failures like any read. */
export async function fetchToken(
  config: ResolvedDarajaConfig,
  transport: DarajaTransport,
): Promise<CachedToken> {
  const requestedAt = config.now();
  let body: unknown;
  try {
    ({ body } = await transport({
      method: 'GET',
      path: '/oauth/v1/generate?grant_type=client_credentials',
      headers: {
        Authorization: `Basic ${base64Utf8(`${config.consumerKey}:${config.consumerSecret}`)}`,
      },
      retry: true,
    }));
  } catch (error) {
    if (isDarajaApiError(error) && error.status >= 400 && error.status < 500) {
      throw new DarajaAuthError({
        status: error.status,
        errorCode: error.errorCode,
        errorMessage: error.errorMessage,
        requestId: error.requestId,
        bodyKind: error.bodyKind,
        raw: error.raw,
      });
    }
    throw error;
  }
  const parsed = tokenResponse().safeParse(body);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new DarajaResponseError('OAuth', `${path}: ${message}`, body);
  }
  const seconds = Number(parsed.data.expires_in);
  if (!(seconds > 0)) throw new DarajaResponseError('OAuth', `expires_in is ${seconds}`, body);
  return {
    accessToken: parsed.data.access_token,
    obtainedAt: requestedAt,
    expiresAt: requestedAt + seconds * 1000,
  };
}
