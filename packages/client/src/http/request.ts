import type { RouteSpec } from '@malipo/contract';
import { type RequestName, type RequestSpec, requestRoutes } from '@malipo/contract/requests';
import ky, { isHTTPError, isTimeoutError, type Options } from 'ky';
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
import { BodyTimeout, readBody } from './read-body.js';
import { type CallState, retryPolicy } from './retry-policy.js';

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

export type Call = <T>(name: RequestName, args?: CallArgs) => Promise<WithResponse<T>>;

function meta(response: Response, idempotencyKey: string | undefined): ResponseMeta {
  return {
    status: response.status,
    headers: response.headers,
    requestId: response.headers.get('x-request-id') ?? undefined,
    idempotencyKey,
  };
}

function pathFor(route: RequestSpec, params: Record<string, string> = {}): string {
  if (!route.params) return route.path;
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    // `.` and `..` survive encoding and the URL parser then removes them with the segment
    // before: `retrieve('..')` would ask another endpoint.
    if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..')
      throw new MalipoValidationError(name, 'must be a non-empty id string.');
    const invalid = () =>
      new MalipoValidationError(name, 'must be an id of at most 255 well-formed characters.');
    if (value.length > 255) throw invalid();
    try {
      return encodeURIComponent(value);
    } catch {
      // A lone surrogate cannot be encoded (URIError).
      throw invalid();
    }
  });
}

/**
 * Header-safe, as the gateway accepts it: 1 to 255 printable ASCII characters, no spaces (fetch
 * trims them off the ends, so `" k "` would be sent, and replayed, as `"k"`).
 */
const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** The per-call options, checked like the constructor's (they reach timers and headers). */
function checkCallOptions(args: CallArgs): void {
  if (args.idempotencyKey !== undefined) {
    if (typeof args.idempotencyKey !== 'string' || !idempotencyKeyPattern.test(args.idempotencyKey))
      throw new MalipoValidationError(
        'idempotencyKey',
        'must be 1 to 255 printable ASCII characters without spaces (a UUID is a good choice); leave it out to have one generated.',
      );
  }
  const { timeout } = args;
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' ||
      !Number.isInteger(timeout) ||
      timeout < 1 ||
      timeout > 2 ** 31 - 1)
  )
    throw new MalipoValidationError(
      'timeout',
      'must be a whole number of ms from 1 to 2147483647.',
    );
}

/**
 * What a failure keeps as its `cause`: ky's errors carry the request, whose headers hold the
 * API key and secret, and `console.error(error)` prints causes. Name, message and the
 * underlying cause (a socket error) are kept; the request is not.
 */
function withoutRequest(error: unknown): unknown {
  if (typeof error !== 'object' || error === null || !('request' in error)) return error;
  const { name, message, cause } = error as unknown as Error;
  const safe = new Error(message, { cause });
  safe.name = name;
  return safe;
}

/** Checks `value` against a request schema, naming the field (and a near-miss key) on failure. */
function checked(schema: NonNullable<RequestSpec['body']>, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error, schema);
  throw new MalipoValidationError(field, message);
}

/**
 * Builds the transport: one ky instance holding everything that is the same for every call
 * (credentials, timeouts, the retry policy and its hook), so a call passes ky only what is its
 * own. ky merges per-call options into the instance's on every request; fewer keys, less work.
 */
export function createCall(options: ResolvedOptions): Call {
  const given = options.fetch;
  const client = ky.create({
    // Absolute URLs per call: ky's baseUrl resolution builds an extra Request on every call.
    timeout: options.timeout,
    totalTimeout: options.deadline,
    // A redirect is answered, not followed: fetch would carry the API key and secret (custom
    // headers, unlike Authorization) to wherever it points, and turn a POST into a GET.
    redirect: 'manual',
    // Without one, ky reads `globalThis.fetch` on every call, so interceptors installed after
    // construction still apply. A given fetch is called as a plain function (`window.fetch`
    // refuses to be called as a method of ky's options).
    ...(given ? { fetch: (input, init) => given(input, init) } : {}),
    headers: {
      'x-api-key': options.apiKey,
      'x-api-secret': options.apiSecret,
      accept: 'application/json',
    },
    ...retryPolicy(options),
  });

  return async <T>(name: RequestName, args: CallArgs = {}): Promise<WithResponse<T>> => {
    const route: RequestSpec = requestRoutes[name];
    checkCallOptions(args);
    // The call's own state, which the instance's retry hook and policy reach through `context`.
    const call: CallState = { started: 0, retries: 0 };
    const init: Options = { method: route.method, context: { call } };
    if (route.body) init.json = checked(route.body, args.body ?? {});
    if (route.query && args.query) {
      const searchParams: Record<string, string> = {};
      for (const [key, value] of Object.entries(checked(route.query, args.query) as object)) {
        if (value !== undefined) searchParams[key] = String(value);
      }
      if (Object.keys(searchParams).length > 0) init.searchParams = searchParams;
    }
    const idempotencyKey =
      route.method === 'GET'
        ? undefined
        : (args.idempotencyKey ?? `malipo-client-${crypto.randomUUID()}`);
    if (idempotencyKey) init.headers = { 'idempotency-key': idempotencyKey };
    if (args.signal) init.signal = args.signal;
    if (args.timeout !== undefined) init.timeout = args.timeout;
    // Outside the try: a bad id is the caller's mistake (validation), not a connection failure.
    const url = `${options.baseUrl}${pathFor(route, args.params)}`;
    call.started = Date.now();
    const attemptMs = args.timeout ?? options.timeout;
    // One budget of retries for the whole call: ky's (failed attempts) and ours (bodies cut off
    // or stalled), each of which sends again under the same idempotency key. A send after a
    // cut-off body gets what the call has left, not a fresh deadline.
    const send = () =>
      client(
        url,
        call.retries === 0
          ? init
          : {
              ...init,
              retry: { limit: options.maxRetries - call.retries },
              totalTimeout: Math.max(1, options.deadline - (Date.now() - call.started)),
            },
      );
    let response: Response;
    let text: string;
    for (;;) {
      try {
        response = await send();
      } catch (error) {
        if (isHTTPError(error))
          throw errorFromResponse(meta(error.response, idempotencyKey), error.data);
        if (args.signal?.aborted) throw error;
        if (isTimeoutError(error)) {
          throw timedOut(route, attemptMs, options.deadline, error, idempotencyKey);
        }
        throw new MalipoConnectionError(
          'connection_error',
          `could not reach ${options.baseUrl}: ${(error as Error).message}`,
          { cause: withoutRequest(error), idempotencyKey },
        );
      }
      const left = Math.min(attemptMs, options.deadline - (Date.now() - call.started));
      try {
        text = await readBody(response, left, args.signal);
        break;
      } catch (error) {
        if (args.signal?.aborted) throw args.signal.reason;
        // A stalled body is a timed-out attempt and a cut-off one a dropped connection: both
        // are sent again while retries and the deadline last.
        if (call.retries < options.maxRetries && Date.now() - call.started < options.deadline) {
          call.retries += 1;
          continue;
        }
        if (error instanceof BodyTimeout) {
          throw timedOut(route, attemptMs, options.deadline, error, idempotencyKey);
        }
        throw new MalipoConnectionError(
          'connection_error',
          `the answer to ${route.method} ${route.path} was cut off before its end: ${(error as Error).message}`,
          {
            cause: error,
            requestId: response.headers.get('x-request-id') ?? undefined,
            idempotencyKey,
          },
        );
      }
    }
    const info = meta(response, idempotencyKey);
    // Every operation answers a JSON object: an empty answer (or a 204) is not a result.
    if (text === '') {
      throw new MalipoResponseValidationError(
        `${route.method} ${route.path} answered ${response.status} with an empty body; a JSON object was expected.`,
        text,
        info.requestId,
      );
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new MalipoResponseValidationError(
        `${route.method} ${route.path} answered ${response.status} with a body that is not JSON.`,
        text,
        info.requestId,
      );
    }
    const schema = options.validateResponses?.[name]?.response;
    if (schema) data = validResponse(route, schema, data, info.requestId);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new MalipoResponseValidationError(
        `${route.method} ${route.path} answered ${response.status} with a body that is not a JSON object.`,
        data,
        info.requestId,
      );
    }
    Object.defineProperty(data, '$response', { value: info, enumerable: false });
    return data as WithResponse<T>;
  };
}

/** The opt-in check of a 2xx body against the contract (`validateResponses`). */
function validResponse(
  route: RequestSpec,
  schema: RouteSpec['response'],
  data: unknown,
  requestId: string | undefined,
): unknown {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const { field, message } = firstIssue(parsed.error, schema);
  throw new MalipoResponseValidationError(
    `${route.method} ${route.path} answered with an unexpected body at \`${field}\`: ${message}`,
    data,
    requestId,
  );
}

function timedOut(
  route: RequestSpec,
  attemptMs: number,
  deadline: number,
  cause: unknown,
  idempotencyKey: string | undefined,
) {
  return new MalipoTimeoutError(
    'timeout',
    `no answer from ${route.method} ${route.path} in time (timeout ${attemptMs} ms, deadline ${deadline} ms).`,
    { cause: withoutRequest(cause), idempotencyKey },
  );
}
