import type { AddressInfo } from 'node:net';
import {
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from '@malipo/adapter-contract';
import { darajaCallback, malipoWebhook } from '@malipo/express';
import express from 'express';

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
