import type { RouteSpec } from '@malipo/contract';
import ky, { isHTTPError, isTimeoutError, type KyInstance, type RetryOptions } from 'ky';
import {
  MalipoConnectionError,
  MalipoResponseValidationError,
  MalipoTimeoutError,
  MalipoValidationError,
} from '../errors/client-errors.js';
import { errorFromResponse } from '../errors/from-response.js';
import type { ResponseMeta } from '../errors/malipo-error.js';
import type { ResolvedOptions } from '../options.js';
import { firstIssue } from './first-issue.js';

/** A result with the HTTP facts behind it (non-enumerable: it does not show in JSON or logs). */
export type WithResponse<T> = T & { readonly $response: ResponseMeta };

/** Per-call options every method accepts. */
export interface RequestOptions {
  /** Your own idempotency key for a mutation; one is generated (and reused across retries) otherwise. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout. */
  timeout?: number | undefined;
}

export interface CallArgs extends RequestOptions {
  params?: Record<string, string> | undefined;
  body?: unknown;
  query?: Record<string, unknown> | undefined;
}

export type Call = <T>(route: RouteSpec, args?: CallArgs) => Promise<WithResponse<T>>;

/**
 * Reads a body within the time the call has left: headers can arrive and the body stall, and
 * ky's timeouts end with the headers. A stall is a timeout, an abort is the caller's, and a body
 * cut off mid-stream is a connection error; the caller of this function retries both.
 */
async function readBody(response: Response, withinMs: number, signal: AbortSignal | undefined) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), Math.max(0, withinMs));
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([response.text(), stop]);
  } catch (error) {
    // Stop reading what will never be used (a stalled stream keeps its socket otherwise).
    response.body?.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

class BodyTimeout extends Error {}

/** Seconds a 429/503 asks to wait (delta-seconds or an HTTP date), or undefined. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function meta(response: Response, idempotencyKey: string | undefined): ResponseMeta {
  return {
    status: response.status,
    headers: response.headers,
    requestId: response.headers.get('x-request-id') ?? undefined,
    idempotencyKey,
  };
}

function pathFor(route: RouteSpec, params: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (typeof value !== 'string' || value === '')
      throw new MalipoValidationError(name, 'must be a non-empty id string.');
    return encodeURIComponent(value);
  });
}

/**
 * The retry policy of one call. A `Retry-After` that would outlast the call's deadline is not
 * slept through: the 429 (or 503) is answered at once, with its `retryAfter`.
 */
function retryPolicy(options: ResolvedOptions, started: number, limit: number): RetryOptions {
  return {
    limit,
    // POST is safe to retry here: every mutation carries an idempotency key.
    methods: ['get', 'post', 'delete'],
    statusCodes: [408, 409, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: 60_000,
    backoffLimit: 8_000,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }: { error: Error }) => {
      if (!isHTTPError(error)) return undefined;
      const { status } = error.response;
      if (status === 429 || status === 503) {
        const wait = retryAfterMs(error.response);
        if (wait !== undefined && Date.now() - started + wait >= options.deadline) return false;
        return undefined;
      }
      if (status !== 409) return undefined;
      // 409 is retried only while the same key is still in flight; a state conflict is final.
      const code = (error.data as { error?: { code?: unknown } } | undefined)?.error?.code;
      return code === 'IDEMPOTENCY_KEY_IN_USE';
    },
  };
}

/** Builds the transport: one ky instance with the retry policy, used by every resource. */
export function createCall(options: ResolvedOptions): Call {
  const client: KyInstance = ky.create({
    // Absolute URLs per call: ky's baseUrl resolution builds an extra Request on every call.
    timeout: options.timeout,
    // Resolved per call, so interceptors installed after construction still apply.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
    headers: {
      'x-api-key': options.apiKey,
      'x-api-secret': options.apiSecret,
      accept: 'application/json',
    },
  });

  return async <T>(route: RouteSpec, args: CallArgs = {}): Promise<WithResponse<T>> => {
    let body = args.body;
    if (route.body) {
      const parsed = route.body.safeParse(body ?? {});
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error, route.body);
        throw new MalipoValidationError(field, message);
      }
      body = parsed.data;
    }
    const searchParams: Record<string, string> = {};
    if (route.query && args.query) {
      const parsed = route.query.safeParse(args.query);
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error, route.query);
        throw new MalipoValidationError(field, message);
      }
      for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
        if (value !== undefined) searchParams[key] = String(value);
      }
    }
    const idempotencyKey =
      route.method === 'GET'
        ? undefined
        : (args.idempotencyKey ?? `malipo-client-${crypto.randomUUID()}`);
    // Outside the try: a bad id is the caller's mistake (validation), not a connection failure.
    const url = `${options.baseUrl}${pathFor(route, args.params)}`;
    const started = Date.now();
    const attemptMs = args.timeout ?? options.timeout;
    // One budget of retries for the whole call: ky's (failed attempts) and ours (bodies cut off
    // or stalled), each of which sends again under the same idempotency key.
    let retries = 0;
    const send = () =>
      client(url, {
        method: route.method,
        json: route.body ? body : undefined,
        searchParams,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        signal: args.signal,
        retry: retryPolicy(options, started, options.maxRetries - retries),
        // A send after a cut-off body gets what the call has left, not a fresh deadline.
        totalTimeout: Math.max(1, options.deadline - (Date.now() - started)),
        hooks: {
          beforeRetry: [
            () => {
              retries += 1;
            },
          ],
        },
        ...(args.timeout ? { timeout: args.timeout } : {}),
      });
    let response: Response;
    let text: string;
    for (;;) {
      try {
        response = await send();
      } catch (error) {
        if (isHTTPError(error))
          throw errorFromResponse(meta(error.response, idempotencyKey), error.data);
        if (args.signal?.aborted) throw error;
        if (isTimeoutError(error)) throw timedOut(route, attemptMs, options.deadline, error);
        throw new MalipoConnectionError(
          'connection_error',
          `could not reach ${options.baseUrl}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      const left = Math.min(attemptMs, options.deadline - (Date.now() - started));
      try {
        text = await readBody(response, left, args.signal);
        break;
      } catch (error) {
        if (args.signal?.aborted) throw args.signal.reason;
        // A stalled body is a timed-out attempt and a cut-off one a dropped connection: both
        // are sent again while retries and the deadline last.
        if (retries < options.maxRetries && Date.now() - started < options.deadline) {
          retries += 1;
          continue;
        }
        if (error instanceof BodyTimeout) throw timedOut(route, attemptMs, options.deadline, error);
        throw new MalipoConnectionError(
          'connection_error',
          `the answer to ${route.method} ${route.path} was cut off before its end: ${(error as Error).message}`,
          { cause: error, requestId: response.headers.get('x-request-id') ?? undefined },
        );
      }
    }
    const info = meta(response, idempotencyKey);
    let data: unknown = {};
    if (text !== '') {
      try {
        data = JSON.parse(text);
      } catch {
        throw new MalipoResponseValidationError(
          `${route.method} ${route.path} answered ${response.status} with a body that is not JSON.`,
          text,
          info.requestId,
        );
      }
    }
    const parsed = route.response.safeParse(data);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error, route.response);
      throw new MalipoResponseValidationError(
        `${route.method} ${route.path} answered with an unexpected body at \`${field}\`: ${message}`,
        data,
        info.requestId,
      );
    }
    const result = (
      typeof parsed.data === 'object' && parsed.data !== null ? parsed.data : { value: parsed.data }
    ) as object;
    Object.defineProperty(result, '$response', { value: info, enumerable: false });
    return result as WithResponse<T>;
  };
}

function timedOut(route: RouteSpec, attemptMs: number, deadline: number, cause: unknown) {
  return new MalipoTimeoutError(
    'timeout',
    `no answer from ${route.method} ${route.path} in time (timeout ${attemptMs} ms, deadline ${deadline} ms).`,
    { cause },
  );
}
