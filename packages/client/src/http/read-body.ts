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
  if (!response.body) return '';
  // A reader of its own: on a stall or an abort it cancels the stream, and with it the socket
  // (`response.text()` would hold the stream locked, and cancelling a locked stream does nothing).
  const reader = response.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), Math.max(0, withinMs));
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stop]);
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
