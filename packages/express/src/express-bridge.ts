import type { CoreResponse } from '@malipo/webhooks/adapter';
import type { Request, Response } from 'express';

/** What `body_already_parsed` tells an Express user to change. */
export const mountingFix =
  "Mount the webhook route before express.json(): app.post('/webhooks', malipoWebhook({ … })) first, then app.use(express.json()). To keep a global parser, capture the bytes: express.json({ verify: (req, _res, buf) => { req.rawBody = buf } }).";

/** Writes a core's answer. */
export function send(res: Response, answer: CoreResponse): void {
  res.status(answer.status).set(answer.headers).send(answer.body);
}

/** Where a body parser mounted before the handler may have left the body. */
export function bodySources(req: Request) {
  return { rawBody: (req as Request & { rawBody?: unknown }).rawBody, body: req.body as unknown };
}
