import type { HttpBindings } from '@hono/node-server';

/** The merchant an API key authenticated. */
export interface AuthedMerchant {
  merchantId: string;
  keyId: string;
  mode: 'test' | 'live';
  webhookSecret: string;
}

/** Hono environment of the gateway app. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    merchant: AuthedMerchant;
  };
}
