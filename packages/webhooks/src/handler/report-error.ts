/**
 * Calls an `onError` option without letting it change the answer. One that throws or rejects (a
 * logger that is down) is ignored: the request is answered either way, and its throw would turn
 * a 400 into a 500 with its own message, or, after a Daraja callback was acknowledged, reject a
 * promise nobody awaits and end the process.
 */
export function reportError<A extends unknown[]>(
  onError: ((...args: A) => unknown) | undefined,
  ...args: A
): void {
  if (!onError) return;
  try {
    const result = onError(...args);
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      Promise.resolve(result).catch(() => {});
    }
  } catch {
    // Ignored, as above.
  }
}
