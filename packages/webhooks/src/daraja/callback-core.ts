import {
  createIpAllowlist,
  type IpAllowlistOptions,
  isDarajaCallbackError,
  parseStkCallback,
  type StkCallback,
  stkCallbackAcknowledgement,
} from '@malipo/daraja';
import { isWebhookVerificationError, WebhookVerificationError } from '../errors/webhook-error.js';
import { checkBodySize, checkEnvelope } from '../handler/checks.js';
import { errorResponse, jsonResponse } from '../handler/responses.js';
import type { CoreRequest, CoreResponse } from '../handler/types.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../idempotency/store.js';
import { constantTimeEqual } from '../internal/constant-time.js';
import { fromUtf8 } from '../internal/encoding.js';
import { readHeader } from '../internal/headers.js';

/** What `onCallback` receives beside the parsed callback. */
export interface DarajaCallbackContext {
  /** The body exactly as received; persist it before anything else. */
  raw: string;
  /** Client address after proxy handling. */
  ip: string | undefined;
}

/** Options of the Daraja callback guard (the core and every adapter). */
export interface DarajaCallbackOptions {
  /**
   * The unguessable last path segment of your callback URL (at least 16 characters), e.g. the
   * `8f1c…` of `https://shop.example/mpesa/callback/8f1c…`. Compared in constant time.
   */
  pathToken: string;
  /** Your code: runs once per `CheckoutRequestID`. */
  onCallback: (callback: StkCallback, context: DarajaCallbackContext) => unknown;
  /**
   * Source-IP allowlist, Safaricom's published addresses by default. `false` disables it
   * (local development and simulators only).
   */
  allowlist?: IpAllowlistOptions | false | undefined;
  /**
   * `acknowledge-first` answers Safaricom at once and processes after (long-running servers);
   * `process-first` answers after `onCallback` settles (serverless, where work stops with the response).
   * @default 'acknowledge-first'
   */
  mode?: 'acknowledge-first' | 'process-first' | undefined;
  /** Duplicate protection on `CheckoutRequestID`; `false` turns it off. @default in-memory */
  store?: IdempotencyStore | false | undefined;
  /** @default 65_536 */
  maxBodyBytes?: number | undefined;
  /** @default 86_400_000 (24 h) */
  dedupeTtlMs?: number | undefined;
  /** Observes failures, including those after an early acknowledgement. */
  onError?: ((error: unknown) => void) | undefined;
}

export interface DarajaCallbackCore {
  readonly maxBodyBytes: number;
  handle(request: CoreRequest): Promise<CoreResponse>;
  fail(error: unknown): CoreResponse;
}

/**
 * The Daraja callback guard: path token, IP allowlist, size and type limits, tolerant parsing,
 * duplicates handled once, and Safaricom's acknowledgement.
 */
export function createDarajaCallbackCore(options: DarajaCallbackOptions): DarajaCallbackCore {
  if (typeof options?.pathToken !== 'string' || options.pathToken.length < 16) {
    throw new TypeError(
      '@malipo/webhooks: `pathToken` must be an unguessable string of at least 16 characters.',
    );
  }
  if (typeof options.onCallback !== 'function') {
    throw new TypeError('@malipo/webhooks: `onCallback` must be a function.');
  }
  const allowlist =
    options.allowlist === false ? undefined : createIpAllowlist(options.allowlist ?? {});
  const store =
    options.store === false ? undefined : (options.store ?? createMemoryIdempotencyStore());
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
  const ttl = options.dedupeTtlMs ?? 86_400_000;
  const processFirst = options.mode === 'process-first';

  const fail = (error: unknown): CoreResponse => {
    options.onError?.(error);
    if (isWebhookVerificationError(error)) return errorResponse(error);
    return jsonResponse(500, { ResultCode: 1, ResultDesc: 'Processing failed' });
  };

  const process = async (
    key: string,
    owner: string,
    callback: StkCallback,
    context: DarajaCallbackContext,
  ) => {
    try {
      await options.onCallback(callback, context);
      await store?.complete(key, ttl, owner);
    } catch (error) {
      await store?.release(key, owner);
      throw error;
    }
  };

  return {
    maxBodyBytes,
    fail,
    async handle(request) {
      try {
        const segment = (request.path ?? '').replace(/\/+$/, '').split('/').pop() ?? '';
        if (!constantTimeEqual(segment, options.pathToken)) {
          throw new WebhookVerificationError('not_found', 'no callback route here.');
        }
        const ip = allowlist?.clientIp(
          request.remoteAddress,
          readHeader(request.headers, 'x-forwarded-for'),
        );
        if (
          allowlist &&
          !allowlist.check(request.remoteAddress, readHeader(request.headers, 'x-forwarded-for'))
            .allowed
        ) {
          throw new WebhookVerificationError(
            'forbidden_source',
            `callbacks are accepted from Safaricom's addresses only, not ${ip ?? 'an unknown address'}.`,
          );
        }
        checkEnvelope(request.method, request.headers, maxBodyBytes);
        checkBodySize(request.body, maxBodyBytes);
        const raw = typeof request.body === 'string' ? request.body : fromUtf8(request.body);
        let callback: StkCallback;
        try {
          callback = parseStkCallback(raw);
        } catch (error) {
          if (isDarajaCallbackError(error))
            throw new WebhookVerificationError('invalid_payload', error.message, { cause: error });
          throw error;
        }
        const key = `stk:${callback.checkoutRequestId}`;
        const owner = crypto.randomUUID();
        const state = store ? await store.begin(key, 60_000, owner) : 'new';
        if (state !== 'new') return jsonResponse(200, stkCallbackAcknowledgement);
        const context = { raw, ip: ip ?? request.remoteAddress };
        if (processFirst) {
          await process(key, owner, callback, context);
          return jsonResponse(200, stkCallbackAcknowledgement);
        }
        const processing = process(key, owner, callback, context).catch((error: unknown) => {
          options.onError?.(error);
        });
        return jsonResponse(200, stkCallbackAcknowledgement, processing);
      } catch (error) {
        return fail(error);
      }
    },
  };
}
