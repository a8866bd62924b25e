import { createHmacScheme } from './hmac.js';

/**
 * `X-Webhook-Signature: hex(HMAC-SHA256(secret, raw body))`, the scheme of the hosted-gateway
 * integration guide and the async webhooks gateway guide. The Malipo gateway sends it beside
 * Standard Webhooks so the verifier from those guides works unchanged.
 * It signs no timestamp: pair it with de-duplication (the handler does) and HTTPS.
 */
export const webhookSignatureHmac = /* @__PURE__ */ createHmacScheme({
  name: 'x-webhook-signature',
  header: 'x-webhook-signature',
});

/** The Go M-Pesa gateway microservice's `X-Signature: hex(HMAC-SHA256(secret, raw body))`. */
export const xSignatureHmac = /* @__PURE__ */ createHmacScheme({
  name: 'x-signature',
  header: 'x-signature',
});

/** GitHub: `X-Hub-Signature-256: sha256=<hex>`; delivery id in `X-GitHub-Delivery`. */
export const githubHmac = /* @__PURE__ */ createHmacScheme({
  name: 'github',
  header: 'x-hub-signature-256',
  prefix: 'sha256=',
  idHeader: 'x-github-delivery',
});

/** Shopify: `X-Shopify-Hmac-Sha256: <base64>`; delivery id in `X-Shopify-Webhook-Id`. */
export const shopifyHmac = /* @__PURE__ */ createHmacScheme({
  name: 'shopify',
  header: 'x-shopify-hmac-sha256',
  encoding: 'base64',
  idHeader: 'x-shopify-webhook-id',
});

/** Paystack: `x-paystack-signature: hex(HMAC-SHA512(secret key, raw body))`. */
export const paystackHmac = /* @__PURE__ */ createHmacScheme({
  name: 'paystack',
  header: 'x-paystack-signature',
  algorithm: 'SHA-512',
});

/** Kopo Kopo: `X-KopoKopo-Signature: hex(HMAC-SHA256(API key, raw body))`. */
export const kopokopoHmac = /* @__PURE__ */ createHmacScheme({
  name: 'kopokopo',
  header: 'x-kopokopo-signature',
});
