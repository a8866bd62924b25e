import type { HttpBindings } from '@hono/node-server';
import type { AuthenticatedMerchant } from '../merchants/merchant.js';

/** Hono environment of the gateway app. */
export interface AppEnv {
  Bindings: HttpBindings;
  Variables: {
    requestId: string;
    merchant: AuthenticatedMerchant;
  };
}
