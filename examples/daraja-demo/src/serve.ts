import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** A fetch-style handler on an ephemeral loopback port. */
export interface LoopbackServer {
  url: string;
  close(): Promise<void>;
}

export function serveOnLoopback(
  fetch: (request: Request) => Promise<Response> | Response,
): Promise<LoopbackServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets from fetch would otherwise hold the server open.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
