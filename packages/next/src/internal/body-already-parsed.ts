import { WebhookVerificationError } from '@malipo/webhooks';

/** The 500 the handlers answer when the request body was read before them, in their error shape. */
export function bodyAlreadyParsed(mountingFix: string, report: (error: unknown) => void): Response {
  const error = new WebhookVerificationError(
    'body_already_parsed',
    `the request body was read before verification, so the signed bytes are gone. ${mountingFix}`,
  );
  report(error);
  return Response.json(
    { error: { code: error.code, message: error.message } },
    { status: error.status },
  );
}
