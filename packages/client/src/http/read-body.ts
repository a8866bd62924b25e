/** A body that did not arrive in time: the attempt timed out after its headers. */
export class BodyTimeout extends Error {
  override name = 'BodyTimeout';
}

/**
 * Reads a body within the time the call has left: headers can arrive and the body stall, and
 * ky's timeouts end with the headers. A stall is a timeout, an abort is the caller's, and a body
 * cut off mid-stream is a connection error; the caller of this function retries both.
 */
export async function readBody(
  response: Response,
  withinMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), Math.max(0, withinMs));
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
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
