import type { RouteSpec } from '@malipo/contract';
import ky, { isHTTPError, isTimeoutError, type KyInstance } from 'ky';
import {
  MalipoConnectionError,
  MalipoResponseValidationError,
  MalipoTimeoutError,
  MalipoValidationError,
} from '../errors/client-errors.js';
import { errorFromResponse } from '../errors/from-response.js';
import type { ResponseMeta } from '../errors/malipo-error.js';
import type { ResolvedOptions } from '../options.js';

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

function firstIssue(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}) {
  const issue = error.issues[0];
  return {
    field: issue?.path.map(String).join('.') || '(root)',
    message: issue?.message ?? 'invalid',
  };
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

/** Builds the transport: one ky instance with the retry policy, used by every resource. */
export function createCall(options: ResolvedOptions): Call {
  const client: KyInstance = ky.create({
    // Absolute URLs per call: ky's baseUrl resolution builds an extra Request on every call.
    timeout: options.timeout,
    totalTimeout: options.deadline,
    // Resolved per call, so interceptors installed after construction still apply.
    fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
    headers: {
      'x-api-key': options.apiKey,
      'x-api-secret': options.apiSecret,
      accept: 'application/json',
    },
    retry: {
      limit: options.maxRetries,
      // POST is safe to retry here: every mutation carries an idempotency key.
      methods: ['get', 'post', 'delete'],
      statusCodes: [408, 409, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: 60_000,
      backoffLimit: 8_000,
      jitter: true,
      retryOnTimeout: true,
      shouldRetry: ({ error }) => {
        if (!isHTTPError(error) || error.response.status !== 409) return undefined;
        // 409 is retried only while the same key is still in flight; a state conflict is final.
        const code = (error.data as { error?: { code?: unknown } } | undefined)?.error?.code;
        return code === 'IDEMPOTENCY_KEY_IN_USE';
      },
    },
  });

  return async <T>(route: RouteSpec, args: CallArgs = {}): Promise<WithResponse<T>> => {
    let body = args.body;
    if (route.body) {
      const parsed = route.body.safeParse(body ?? {});
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error);
        throw new MalipoValidationError(field, message);
      }
      body = parsed.data;
    }
    const searchParams: Record<string, string> = {};
    if (route.query && args.query) {
      const parsed = route.query.safeParse(args.query);
      if (!parsed.success) {
        const { field, message } = firstIssue(parsed.error);
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
    let response: Response;
    try {
      response = await client(url, {
        method: route.method,
        json: route.body ? body : undefined,
        searchParams,
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        signal: args.signal,
        ...(args.timeout ? { timeout: args.timeout } : {}),
      });
    } catch (error) {
      if (isHTTPError(error))
        throw errorFromResponse(meta(error.response, idempotencyKey), error.data);
      if (args.signal?.aborted) throw error;
      if (isTimeoutError(error)) {
        throw new MalipoTimeoutError(
          'timeout',
          `no answer from ${route.method} ${route.path} in time (timeout ${args.timeout ?? options.timeout} ms, deadline ${options.deadline} ms).`,
          { cause: error },
        );
      }
      throw new MalipoConnectionError(
        'connection_error',
        `could not reach ${options.baseUrl}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const info = meta(response, idempotencyKey);
    const text = await response.text();
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
      const { field, message } = firstIssue(parsed.error);
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
