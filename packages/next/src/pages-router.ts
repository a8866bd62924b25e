import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import {
  type CoreResponse,
  createWebhookCore,
  handleNodeRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';
import type { NextApiRequest, NextApiResponse } from 'next';

/** What `body_already_parsed` tells a Pages Router user to change. */
export const mountingFix =
  "Turn off Next's body parser for this API route: export const config = { api: { bodyParser: false } }; in its file.";

/** Writes a core's answer. */
export function send(res: NextApiResponse, answer: CoreResponse): void {
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.status(answer.status).send(answer.body);
}

/**
 * Pages Router API route for signed webhooks, over the Node bridge. The route must turn off
 * Next's body parser, or it answers 500 `body_already_parsed`.
 *
 * @example
 * // pages/api/webhooks.ts
 * export const config = { api: { bodyParser: false } };
 * export default malipoPagesWebhook({ secret: process.env.MALIPO_WEBHOOK_SECRET!, onEvent });
 */
export function malipoPagesWebhook<E = GatewayEvent | UnknownGatewayEvent>(
  options: WebhookHandlerOptions<E>,
): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {
  const core = createWebhookCore(options);
  return async (req, res) => {
    send(res, await handleNodeRequest(core, req, { body: req.body }, mountingFix));
  };
}
