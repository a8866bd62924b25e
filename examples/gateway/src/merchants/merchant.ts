/** The merchant an API key authenticated, as every service sees it. */
export interface AuthenticatedMerchant {
  merchantId: string;
  keyId: string;
  /** The key's mode: objects it creates and sees belong to this mode. */
  mode: 'test' | 'live';
  webhookSecret: string;
}
