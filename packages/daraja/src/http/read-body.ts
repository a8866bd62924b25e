/** A body that did not arrive within the attempt's timeout, after its headers had. */
export class BodyTimeout extends Error {
  override name = 'BodyTimeout';
}

/**
 * Reads a body within `timeoutMs`: ky's timeout ends when the headers arrive, and a body that
 * then stalls would keep the call pending forever. The stalled stream is cancelled.
 */
export async function readBodyWithin(
  response: Response,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), timeoutMs);
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([response.text(), stop]);
  } catch (error) {
    response.body?.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
