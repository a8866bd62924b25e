import type { HeadersLike } from '../internal/headers.js';

/** A request as the handler core sees it, whatever the framework. */
export interface CoreRequest {
  method: string;
  /** Path of the request URL (the Daraja guard checks its token here). */
  path?: string | undefined;
  headers: HeadersLike;
  /** The raw body, exactly as received. */
  body: Uint8Array | string;
  /** Socket address of the peer, for IP allowlists. */
  remoteAddress?: string | undefined;
}

/** The answer the core computed; adapters write it with their framework's API. */
export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Work still running after the answer (acknowledge-first callbacks); pass to `waitUntil`. */
  processing?: Promise<void> | undefined;
}

/**
 * A framework-agnostic handler: everything but reading and writing HTTP. The webhook handler
 * and the Daraja callback guard are both one; adapters feed it through `handleFetchRequest` or
 * `handleNodeRequest` from `@malipo/webhooks/adapter`.
 */
export interface HandlerCore {
  /** Largest body `handle` accepts; bridges stop reading past it. */
  readonly maxBodyBytes: number;
  /** Answers a request whose raw body has been read. Never throws. */
  handle(request: CoreRequest): Promise<CoreResponse>;
  /** Answers a failure that happened before `handle` (body reading, mounting). Never throws. */
  fail(error: unknown): CoreResponse;
}
