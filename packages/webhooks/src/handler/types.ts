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
