import { type CoreResponse, type HandlerCore, handleNodeRequest } from '@malipo/webhooks/adapter';
import type { Context, Middleware } from 'koa';

const mountingFix =
  "Mount the webhook route before any body parser: router.post('/webhooks', malipoWebhook({ … })) first, then app.use(bodyParser()). A parser in front must keep the raw text in ctx.request.rawBody, as @koa/bodyparser does.";

function send(ctx: Context, answer: CoreResponse): void {
  ctx.status = answer.status;
  ctx.set(answer.headers); // before the body, so Koa keeps our content type
  ctx.body = answer.body;
}

/** Koa middleware running a handler core (the webhook handler's or the Daraja guard's). */
export function respond(core: HandlerCore): Middleware {
  return async (ctx) => {
    const { req } = ctx;
    const request = ctx.request as { rawBody?: unknown; body?: unknown };
    // ctx.request.rawBody: @koa/bodyparser; req.rawBody: platforms that parse before Koa.
    const rawBody = request.rawBody ?? (req as { rawBody?: unknown }).rawBody;
    // Koa mounts and routers may rewrite ctx.url; the Daraja guard needs the full path.
    const node = {
      method: req.method,
      url: ctx.originalUrl,
      headers: req.headers,
      socket: req.socket,
      readableEnded: req.readableEnded,
      [Symbol.asyncIterator]: () => req[Symbol.asyncIterator](),
    };
    send(ctx, await handleNodeRequest(core, node, { rawBody, body: request.body }, mountingFix));
  };
}
