import type { AddressInfo } from 'node:net';
import { malipoWebhook } from '@malipo/express';
import type { GatewayEvent, UnknownGatewayEvent } from '@malipo/webhooks';
import express from 'express';

/** A merchant's webhook receiver: real Express with `@malipo/express`, on a loopback port. */
export interface Receiver {
  url: string;
  /** The secret deliveries are verified with; may be changed (an endpoint's own `whsec_…`). */
  secret: string;
  /** Events the handler received (verified, de-duplicated). */
  events: (GatewayEvent | UnknownGatewayEvent)[];
  /** Every POST that reached the server, verified or not. */
  hits: number;
  /** When set, the server answers this status without running the handler (receiver "down"). */
  failWith: number | undefined;
  /** Milliseconds each request is held before it is handled (a slow receiver). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const app = express();
  const receiver: Receiver = {
    url: '',
    secret,
    events: [],
    hits: 0,
    failWith: undefined,
    delayMs: 0,
    close: async () => {},
  };
  app.use((_req, res, next) => {
    receiver.hits++;
    setTimeout(() => {
      if (receiver.failWith !== undefined)
        res.status(receiver.failWith).send('down for maintenance');
      else next();
    }, receiver.delayMs);
  });
  const handlerFor = (current: string) =>
    malipoWebhook({
      secret: current,
      onEvent: (event) => {
        receiver.events.push(event);
      },
    });
  // Rebuilt only when `receiver.secret` changes, so de-duplication spans requests.
  let handler = { secret, handle: handlerFor(secret) };
  app.post('/webhooks/malipo', (req, res, next) => {
    if (handler.secret !== receiver.secret) {
      handler = { secret: receiver.secret, handle: handlerFor(receiver.secret) };
    }
    return handler.handle(req, res, next);
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/malipo`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
