import type { Mode } from '../stores/rows.js';

export type { Mode };

/** The merchant an API key authenticated, as every service sees it. */
export interface AuthenticatedMerchant {
  merchantId: string;
  keyId: string;
  /** The key's mode: objects it creates and sees belong to this mode (Stripe's test and live). */
  mode: Mode;
}
