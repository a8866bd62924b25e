/** A body that did not arrive within the attempt's timeout, after its headers had. */
export class BodyTimeout extends Error {
  override name = 'BodyTimeout';
}

/** A body longer than any Daraja answer: read no further. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/** Daraja's answers are a few hundred bytes; a proxy's page a few kilobytes. */
export const maxBodyBytes = 1024 * 1024;

/**
 * Reads a body of at most {@link maxBodyBytes} within `timeoutMs`: ky's timeout ends when the headers arrive, and a body that
 * then stalls would keep the call pending forever. Read through a reader of its own, so that a
 * stall or an abort cancels the stream (and with it the connection): `response.text()` would
 * hold the stream locked, and cancelling a locked stream does nothing.
 */
export async function readBodyWithin(
  response: Response,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BodyTimeout()), timeoutMs);
    if (signal) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), stop]);
      if (done) return text + decoder.decode();
      bytes += value.byteLength;
      if (bytes > maxBodyBytes) throw new BodyTooLarge();
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
