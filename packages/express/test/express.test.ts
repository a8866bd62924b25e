import type { AddressInfo } from 'node:net';
import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { malipoWebhook } from '@malipo/express';
import { darajaCallback } from '@malipo/express/daraja';
import { generateWebhookSecret } from '@malipo/webhooks/testing';
import express from 'express';
import { describe, expect, it } from 'vitest';

function listen(app: express.Express): Promise<AdapterServer> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

describeAdapterContract('express', {
  mountingFix: /before express\.json\(\)/,
  async start({ webhook, daraja }: MountOptions) {
    const app = express();
    app.post('/webhooks', malipoWebhook(webhook));
    app.post('/mpesa/callback/:token', darajaCallback(daraja));
    app.use(express.json());
    return listen(app);
  },
  async startBehindJsonParser({ webhook, daraja }: MountOptions) {
    const app = express();
    app.use(express.json());
    app.post('/webhooks', malipoWebhook(webhook));
    app.post('/mpesa/callback/:token', darajaCallback(daraja));
    return listen(app);
  },
});

describe('express: a global form parser in front', () => {
  it('a form-encoded POST is 415 (the sender’s mistake), not a 500 mounting error', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    let calls = 0;
    app.post(
      '/webhooks',
      malipoWebhook({
        secret: generateWebhookSecret(),
        onEvent: () => {
          calls += 1;
        },
      }),
    );
    const server = await listen(app);
    try {
      const response = await fetch(`${server.url}/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1&b=2',
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'unsupported_media_type',
      );
      expect(calls).toBe(0);
    } finally {
      await server.close();
    }
  });
});
