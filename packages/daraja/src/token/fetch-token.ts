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
    // Sent back as `Authorization: Bearer <token>`: anything a header cannot carry would fail
    // every later call as if Daraja were unreachable.
    access_token: z
      .string()
      .check(
        z.minLength(1, 'access_token is empty'),
        z.regex(
          /^[\x21-\x7e]{1,4096}$/,
          'access_token is not a token a header can carry (1 to 4096 visible ASCII characters)',
        ),
      ),
    // Documented as a number, sent as a string ("3599") in practice: accept both.
    expires_in: z.union([
      z.number(),
      z.string().check(z.regex(/^\s*\d+(\.\d+)?\s*$/, 'expires_in is not a number')),
    ]),
  }),
);

const maxLifetimeSeconds = 31_536_000;

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
    // Refused credentials: not a rate limit (429) or a timeout (408), which say nothing of them.
    if (isDarajaApiError(error) && [400, 401, 403].includes(error.status)) {
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
  // A token kept past a year would never be refreshed in practice (Daraja's last an hour); one
  // that lasts under a second would be fetched again for every call.
  if (!(seconds >= 1 && seconds <= maxLifetimeSeconds))
    throw new DarajaResponseError(
      'OAuth',
      `expires_in is ${String(parsed.data.expires_in).slice(0, 32)}; 1 to ${maxLifetimeSeconds} seconds expected`,
      body,
    );
  return {
    accessToken: parsed.data.access_token,
    obtainedAt: requestedAt,
    expiresAt: requestedAt + seconds * 1000,
  };
}
