import { WebhookVerificationError } from '@malipo/webhooks';
import type { HonoRequest } from 'hono';

/**
 * The entries of Hono's body cache that still hold the received bytes. `c.req.json()` caches
 * the text it parsed (Hono 4.13), so it lands here too. A `json` entry (other Hono versions)
 * and `formData` are left out: Hono re-serialises those, which are not the signed bytes.
 */
interface ExactBodyCache {
  arrayBuffer?: Promise<ArrayBuffer>;
  blob?: Promise<Blob>;
  text?: Promise<string>;
}

/**
 * The request with its body still readable: `c.req.raw` when nothing has read it, else a copy
 * carrying the bytes Hono cached. Undefined when a middleware consumed `c.req.raw` itself.
 */
export async function unreadRequest(req: HonoRequest): Promise<Request | undefined> {
  const raw = req.raw;
  if (!raw.bodyUsed) return raw;
  // Hono types the cache as `Partial<Body>`; it holds the promises the Body methods returned.
  // Text is the bytes decoded as UTF-8: exact for UTF-8 JSON. A BOM or broken bytes would not
  // survive, and then the signature fails (400); it never passes on altered bytes.
  const cache = req.bodyCache as ExactBodyCache;
  const cached = cache.arrayBuffer ?? cache.blob ?? cache.text;
  if (!cached) return undefined;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await cached });
}

/** The 500 the handlers answer when the bytes are gone, in their error shape. */
export function bodyAlreadyParsed(mountingFix: string, report: (error: unknown) => void): Response {
  const error = new WebhookVerificationError(
    'body_already_parsed',
    `the request body was consumed before verification and Hono kept no exact copy, so the signed bytes are gone. ${mountingFix}`,
  );
  report(error);
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status },
  );
}
