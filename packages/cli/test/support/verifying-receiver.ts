import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { standardWebhooks, verifyWebhook, webhookSignatureHmac } from '@malipo/webhooks';

export interface ReceivedDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * A webhook receiver on a loopback port that verifies both of the gateway's signatures with
 * `@malipo/webhooks` against `secret`: 204 when both hold, 400 with the reason otherwise.
 */
export async function startVerifyingReceiver(secret: string, port = 0) {
  const accepted: ReceivedDelivery[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = request.headers as Record<string, string>;
    try {
      await verifyWebhook(standardWebhooks, body, headers, { secret });
      await verifyWebhook(webhookSignatureHmac, body, headers, { secret });
      accepted.push({ body, headers });
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
    }
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/webhooks`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Collects what a command prints. */
export function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

/** A loopback port nothing listens on (just opened and closed). */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
