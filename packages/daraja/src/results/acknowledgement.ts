/** The body Safaricom expects in answer to a result or queue-timeout POST (HTTP 200). */
export const resultAcknowledgement = Object.freeze({
  ResultCode: 0,
  ResultDesc: 'Accepted',
} as const);

/** A fetch `Response` carrying {@link resultAcknowledgement}, for fetch-style handlers. */
export function acknowledgeResult(): Response {
  return new Response(JSON.stringify(resultAcknowledgement), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
