import { toBase64 } from '../internal/encoding.js';
import type { SignOptions, WebhookScheme } from '../schemes/scheme.js';
import { standardWebhooks } from '../schemes/standard-webhooks/scheme.js';

/** A signed test delivery: send `body` with `headers`. */
export interface SignedTestWebhook {
  body: string;
  headers: Record<string, string>;
}

/** Options of {@link signTestWebhook}. */
export interface SignTestWebhookOptions extends Omit<SignOptions, 'secret'> {
  secret: SignOptions['secret'];
  /** @default standardWebhooks */
  scheme?: WebhookScheme | undefined;
}

/**
 * Signs a test payload (an object is serialised once, and that exact text is signed and
 * returned) with any scheme, adding `content-type: application/json`.
 */
export async function signTestWebhook(
  payload: unknown,
  options: SignTestWebhookOptions,
): Promise<SignedTestWebhook> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const scheme = options.scheme ?? standardWebhooks;
  const headers = await scheme.sign(body, options);
  return { body, headers: { 'content-type': 'application/json', ...headers } };
}

/** A signed `Request` ready for a fetch handler or `fetch`. */
export async function buildSignedRequest(
  url: string,
  payload: unknown,
  options: SignTestWebhookOptions,
): Promise<Request> {
  const { body, headers } = await signTestWebhook(payload, options);
  return new Request(url, { method: 'POST', headers, body });
}

/** A fresh `whsec_` secret (32 random bytes). */
export function generateWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

/** A fresh Ed25519 key pair as Standard Webhooks strings: `whsk_` (signs) and `whpk_` (verifies). */
export async function generateEd25519Keys(): Promise<{ secretKey: string; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    secretKey: `whsk_${toBase64(pkcs8.subarray(pkcs8.length - 32))}`,
    publicKey: `whpk_${toBase64(raw)}`,
  };
}
