let requestCounter = 0;

/** A Daraja-style request id such as `21604-273291-1`. */
export function requestId(): string {
  requestCounter = (requestCounter + 1) % 1_000_000;
  return `${10_000 + Math.floor(Math.random() * 89_999)}-${requestCounter}-1`;
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });
}

/** Daraja's error envelope. */
export function darajaError(status: number, errorCode: string, errorMessage: string): Response {
  return json(status, { requestId: requestId(), errorCode, errorMessage });
}

/** What Apigee answers for a path it has no proxy for. */
export function apigeeFault(path: string): Response {
  return json(404, {
    fault: {
      faultstring: `Unable to identify proxy for host: default and url: ${path}`,
      detail: { errorcode: 'messaging.adaptors.http.flow.ApplicationNotFound' },
    },
  });
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Uppercase alphanumerics from the platform CSPRNG. */
export function randomCode(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
