import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import {
  type CoreResponse,
  createDarajaCallbackCore,
  createWebhookCore,
  type DarajaCallbackOptions,
  handleNodeRequest,
  type WebhookHandlerOptions,
} from '@malipo/webhooks/adapter';
import type { NextApiRequest, NextApiResponse } from 'next';

const mountingFix =
  "Turn off Next's body parser for this API route: export const config = { api: { bodyParser: false } }; in its file.";

function send(res: NextApiResponse, answer: CoreResponse): void {
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

/**
 * Pages Router API route guarding a Daraja (M-Pesa) callback URL. Reads the caller's address
 * from the socket (`allowlist.trustedProxies` for your load balancer). Turn off the body parser.
 *
 * @example
 * // pages/api/mpesa/callback/[token].ts
 * export const config = { api: { bodyParser: false } };
 * export default darajaPagesCallback({ pathToken: process.env.MPESA_CALLBACK_TOKEN!, onCallback });
 */
export function darajaPagesCallback(
  options: DarajaCallbackOptions,
): (req: NextApiRequest, res: NextApiResponse) => Promise<void> {
  const core = createDarajaCallbackCore(options);
  return async (req, res) => {
    send(res, await handleNodeRequest(core, req, { body: req.body }, mountingFix));
  };
}
