/** The body Safaricom expects in answer to a callback (HTTP 200). */
export const stkCallbackAcknowledgement = Object.freeze({
  ResultCode: 0,
  ResultDesc: 'Accepted',
} as const);

/** A fetch `Response` carrying {@link stkCallbackAcknowledgement}, for fetch-style handlers. */
export function acknowledgeStkCallback(): Response {
  return new Response(JSON.stringify(stkCallbackAcknowledgement), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
