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

/** A request before its body is read: what {@link HandlerCore.screen} decides on. */
export type CoreRequestHead = Omit<CoreRequest, 'body'>;

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
  /**
   * Refuses what the request line and headers already show (the Daraja route token and IP
   * allowlist, the method, the content type, a declared length over the limit) before a byte
   * of the body is read: the answer to send, or `undefined` to read the body and `handle` it.
   * Bridges call it first, so that no caller can make the server read, or wait for, a body it
   * would refuse anyway. `handle` checks the same again. Never throws. Optional, so that a
   * core written before it existed still works (its requests are screened by `handle` alone).
   */
  screen?(request: CoreRequestHead): CoreResponse | undefined;
  /** Answers a request whose raw body has been read. Never throws. */
  handle(request: CoreRequest): Promise<CoreResponse>;
  /** Answers a failure that happened before `handle` (body reading, mounting). Never throws. */
  fail(error: unknown): CoreResponse;
}
