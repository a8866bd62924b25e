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
 * carrying the bytes Hono cached. When a middleware consumed `c.req.raw` itself and Hono kept
 * nothing, `c.req.raw` as it is: the bridge answers it `body_already_parsed`.
 */
export async function unreadRequest(req: HonoRequest): Promise<Request> {
  const raw = req.raw;
  if (!raw.bodyUsed) return raw;
  // Hono types the cache as `Partial<Body>`; it holds the promises the Body methods returned.
  // Text is the bytes decoded as UTF-8: exact for UTF-8 JSON. A BOM or broken bytes would not
  // survive, and then the signature fails (400); it never passes on altered bytes.
  const cache = req.bodyCache as ExactBodyCache;
  const cached = cache.arrayBuffer ?? cache.blob ?? cache.text;
  if (!cached) return raw;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await cached });
}
