import {
  createIpAllowlist,
  type IpAllowlist,
  type IpAllowlistOptions,
  isDarajaCallbackError,
  parseStkCallback,
  type StkCallback,
  stkCallbackAcknowledgement,
} from '@malipo/daraja';
import { WebhookOptionsError } from '../errors/options-error.js';
import { WebhookVerificationError } from '../errors/webhook-error.js';
import { checkBodySize, checkEnvelope, jsonText } from '../handler/checks.js';
import { resolveDeduplication } from '../handler/core-options.js';
import { reportError } from '../handler/report-error.js';
import { failureResponse, jsonResponse } from '../handler/responses.js';
import type { CoreRequestHead, CoreResponse, HandlerCore } from '../handler/types.js';
import { claimDelivery } from '../idempotency/claim-delivery.js';
import { constantTimeEqual } from '../internal/constant-time.js';
import { hasErrorName } from '../internal/error-name.js';
import { readHeader } from '../internal/headers.js';
import { checkDarajaCallbackOptions, type DarajaCallbackOptions } from './callback-options.js';
import { lastPathSegment } from './route-token.js';

/** The Daraja guard's core: the one {@link HandlerCore} shape every core has. */
export type DarajaCallbackCore = HandlerCore;

const processingFailed = { ResultCode: 1, ResultDesc: 'Processing failed' };

/** Parses the body; a malformed callback is the sender's mistake (400), not a crash. */
function parseCallback(raw: string): StkCallback {
  try {
    return parseStkCallback(raw);
  } catch (error) {
    if (isDarajaCallbackError(error))
      throw new WebhookVerificationError('invalid_payload', error.message, { cause: error });
    throw error;
  }
}

/** The allowlist, its invalid entries reported as this guard's `allowlist` option. */
function buildAllowlist(allowlist: IpAllowlistOptions | null | undefined): IpAllowlist {
  try {
    return createIpAllowlist(allowlist ?? {});
  } catch (error) {
    if (!hasErrorName(error, ['DarajaConfigError'])) throw error;
    const detail = (error as Error).message.replace(/^@malipo\/daraja: /, '');
    throw new WebhookOptionsError('allowlist', detail, { cause: error });
  }
}

/**
 * The Daraja callback guard: path token, IP allowlist, size and type limits, tolerant parsing,
 * duplicates handled once, and Safaricom's acknowledgement.
 */
export function createDarajaCallbackCore(options: DarajaCallbackOptions): HandlerCore {
  checkDarajaCallbackOptions(options);
  const allowlist = options.allowlist === false ? undefined : buildAllowlist(options.allowlist);
  const { store, maxBodyBytes, dedupeTtlMs, lockMs } = resolveDeduplication(options, {
    maxBodyBytes: 65_536,
  });
  const processFirst = options.mode === 'process-first';

  const fail = (error: unknown): CoreResponse => {
    reportError(options.onError, error);
    return failureResponse(error, processingFailed);
  };

  /** Route token, allowlist and envelope: all refused before the body is read. The client IP. */
  const admit = (request: CoreRequestHead): string | undefined => {
    const segment = lastPathSegment(request.path ?? '');
    if (!constantTimeEqual(segment, options.pathToken)) {
      throw new WebhookVerificationError('not_found', 'no callback route here.');
    }
    const forwardedFor = readHeader(request.headers, 'x-forwarded-for');
    const ip = allowlist?.clientIp(request.remoteAddress, forwardedFor);
    if (allowlist && !allowlist.check(request.remoteAddress, forwardedFor).allowed) {
      throw new WebhookVerificationError(
        'forbidden_source',
        `callbacks are accepted from Safaricom's addresses only, not ${ip ?? 'an unknown address'}.`,
      );
    }
    checkEnvelope(request.method, request.headers, maxBodyBytes);
    return ip;
  };

  return {
    maxBodyBytes,
    fail,
    screen(request) {
      try {
        admit(request);
        return undefined;
      } catch (error) {
        return fail(error);
      }
    },
    async handle(request) {
      try {
        const ip = admit(request);
        checkBodySize(request.body, maxBodyBytes);
        const raw = jsonText(request.body);
        const callback = parseCallback(raw);
        const claim = await claimDelivery(store, `stk:${callback.checkoutRequestId}`, {
          lockMs,
          dedupeTtlMs,
        });
        if (claim.state !== 'new') return jsonResponse(200, stkCallbackAcknowledgement);
        const context = { raw, ip: ip ?? request.remoteAddress };
        const processing = claim.run(() => options.onCallback(callback, context));
        if (processFirst) {
          await processing;
          return jsonResponse(200, stkCallbackAcknowledgement);
        }
        const settled = processing.then(
          () => {},
          (error: unknown) => reportError(options.onError, error),
        );
        return jsonResponse(200, stkCallbackAcknowledgement, settled);
      } catch (error) {
        return fail(error);
      }
    },
  };
}
