import { defaultCrypto } from '../../crypto/default-provider.js';
import { WebhookVerificationError } from '../../errors/webhook-error.js';
import { concatBytes, toBase64, toBytes, utf8 } from '../../internal/encoding.js';
import type { VerifiedWebhook, WebhookScheme } from '../scheme.js';
import { nowSeconds } from '../timestamp.js';
import { readDelivery, type StandardDelivery } from './delivery.js';
import { parseKeys } from './keys.js';
import { matchKeys, privateKeyRefused } from './match-keys.js';
import { unmatchedSignature } from './signatures.js';

function outcome(delivery: StandardDelivery, signed: boolean): VerifiedWebhook {
  if (!signed) throw unmatchedSignature(delivery.signatures);
  return { id: delivery.id, timestamp: delivery.timestamp };
}

/**
 * Standard Webhooks (spec 1.0): `${id}.${timestamp}.${payload}` signed with HMAC-SHA256
 * (`v1,<base64>`, `whsec_` secrets) or Ed25519 (`v1a,<base64>`, `whsk_`/`whpk_` keys), several
 * space-separated signatures per header, ±300 s replay window by default.
 */
export const standardWebhooks: WebhookScheme = {
  name: 'standard-webhooks',

  async verify(payload, headers, options) {
    const keys = parseKeys(options.secret);
    const delivery = readDelivery(headers, options);
    const body = typeof payload === 'string' ? payload : toBytes(payload);
    const signed = matchKeys(options.crypto ?? defaultCrypto(), keys, delivery, body);
    // `then`, not `await`: see matchKeys.
    return typeof signed === 'boolean'
      ? outcome(delivery, signed)
      : signed.then((matched) => outcome(delivery, matched));
  },

  checkSecret(secret) {
    if (parseKeys(secret).some((key) => key.kind === 'private')) throw privateKeyRefused();
  },

  async sign(payload, options) {
    const keys = parseKeys(options.secret);
    const provider = options.crypto ?? defaultCrypto();
    const id = options.id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
    const timestamp = String(options.timestamp ?? nowSeconds());
    const prefix = `${id}.${timestamp}.`;
    const body = typeof payload === 'string' ? payload : toBytes(payload);
    const signatures: string[] = [];
    for (const key of keys) {
      if (key.kind === 'symmetric') {
        signatures.push(`v1,${await provider.hmac('SHA-256', key.key, [prefix, body], 'base64')}`);
      } else if (key.kind === 'private') {
        const signature = await provider.ed25519Sign(
          key.privateKey,
          concatBytes([utf8(prefix), toBytes(body)]),
        );
        signatures.push(`v1a,${toBase64(signature)}`);
      } else {
        throw new WebhookVerificationError(
          'invalid_secret',
          'a whpk_ public key cannot sign; sign with the whsk_ private key.',
        );
      }
    }
    return {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signatures.join(' '),
    };
  },
};
