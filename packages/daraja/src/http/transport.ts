import ky, { isHTTPError, isTimeoutError, type Options, TimeoutError } from 'ky';
import pThrottle from 'p-throttle';
import type { ResolvedDarajaConfig } from '../config/options.js';
import { DarajaApiError, DarajaNetworkError, DarajaResponseError } from '../errors/api-errors.js';
import { decodeBody, parseErrorBody } from './error-body.js';
import { BodyTimeout, BodyTooLarge, maxBodyBytes, readBodyWithin } from './read-body.js';

/** One HTTP exchange with Daraja. */
export interface DarajaRequest {
  method: 'GET' | 'POST';
  /** Path below the base URL, with query string. */
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  /**
   * Whether transient failures may be retried. False for STK push: once a push may have
   * reached Daraja, a retry could prompt the customer twice.
   */
  retry: boolean;
  signal?: AbortSignal | undefined;
}

/** A 2xx answer with its decoded body. */
export interface DarajaResponse {
  status: number;
  body: unknown;
}

export type DarajaTransport = (request: DarajaRequest) => Promise<DarajaResponse>;

// Daraja reuses 500.001.1001 for "still processing" and for wrong credentials: neither gets
// better by asking again immediately, and the first is an answer, not a failure.
const notRetriedCodes = new Set([
  '500.001.1001',
  '404.001.03',
  '401.002.01',
  '400.003.01',
  '401.003.01',
]);

/** Builds the ky-based transport: timeouts, retries with jittered backoff, optional rate limit. */
export function createTransport(config: ResolvedDarajaConfig): DarajaTransport {
  // Resolve fetch per call, not at construction, so interceptors installed later still apply.
  const baseFetch = (input: RequestInfo | URL, init?: RequestInit) =>
    (config.fetch ?? globalThis.fetch)(input, init);
  const fetchFn = config.rateLimit ? rateLimitedFetch(config, baseFetch) : baseFetch;

  const retrying: Options['retry'] = {
    limit: config.retryLimit,
    methods: ['get', 'post'],
    statusCodes: [408, 429, 500, 502, 503, 504],
    afterStatusCodes: [429, 503],
    maxRetryAfter: config.backoffLimitMs * 4,
    backoffLimit: config.backoffLimitMs,
    jitter: true,
    retryOnTimeout: true,
    shouldRetry: ({ error }) => {
      if (!isHTTPError(error)) return undefined;
      const details = parseErrorBody(error.response.status, error.data);
      if (details.errorCode !== undefined && notRetriedCodes.has(details.errorCode)) return false;
      return undefined;
    },
  };

  const client = ky.create({
    baseUrl: `${config.baseUrl}/`,
    // Rate limited: the attempt's clock starts when its slot comes up (see rateLimitedFetch).
    timeout: config.rateLimit ? false : config.timeoutMs,
    fetch: fetchFn,
    throwHttpErrors: true,
    // An error body labelled JSON that is not (a proxy's HTML page, a cut-off envelope) is kept
    // as its text: ky would otherwise leave `error.data` undefined, reported as an empty body.
    parseJson: (text) => decodeBody(text),
  });

  return async (request) => {
    try {
      const response = await client(request.path.replace(/^\//, ''), {
        method: request.method,
        headers: request.headers,
        json: request.json,
        retry: request.retry ? retrying : 0,
        signal: request.signal,
      });
      const text = await readBodyWithin(response, config.timeoutMs, request.signal);
      return { status: response.status, body: decodeBody(text) };
    } catch (error) {
      if (isHTTPError(error)) {
        throw new DarajaApiError(parseErrorBody(error.response.status, error.data));
      }
      if (request.signal?.aborted) throw error;
      if (error instanceof BodyTooLarge) {
        throw new DarajaResponseError(
          request.path.split('?')[0] as string,
          `the answer is larger than ${maxBodyBytes / 1024 / 1024} MiB, far past any Daraja answer; it was not read further.`,
          undefined,
        );
      }
      throw new DarajaNetworkError(
        isTimeoutError(error) || error instanceof BodyTimeout,
        `${config.baseUrl}${request.path}`,
        error,
      );
    }
  };
}

/**
 * Fetch behind the client-side rate limit. Waiting for a slot does not count against the
 * attempt's timeout (a request queued behind others is not "slow", and reporting it as a timeout
 * would make a push that was never sent look as if it may have reached Daraja); an abort while
 * waiting gives up before anything is sent.
 */
function rateLimitedFetch(
  config: ResolvedDarajaConfig,
  baseFetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>,
) {
  const { limit, intervalMs } = config.rateLimit as { limit: number; intervalMs: number };
  const slot = pThrottle({ limit, interval: intervalMs })(async () => undefined);
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input as Request;
    const callerSignal = init?.signal ?? request.signal;
    await untilAborted(slot(), callerSignal);
    const timer = AbortSignal.timeout(config.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timer]) : timer;
    try {
      return await baseFetch(input, { ...init, signal });
    } catch (error) {
      if (timer.aborted && !callerSignal?.aborted) throw new TimeoutError(request);
      throw error;
    }
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
