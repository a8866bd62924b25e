import type { WebhookCrypto } from '../../crypto/provider.js';
import { concatBytes, fromBase64, toBytes, utf8 } from '../../internal/encoding.js';
import type { StandardDelivery } from './delivery.js';
import { entryEnd } from './signatures.js';

/** True when a `v1a,<base64>` entry of the delivery is an Ed25519 signature by `publicKey`. */
export async function hasV1aSignature(
  provider: WebhookCrypto,
  publicKey: Uint8Array,
  delivery: StandardDelivery,
  body: string | Uint8Array,
): Promise<boolean> {
  let signed: Uint8Array | undefined;
  for (const entry of delivery.signatures.split(' ')) {
    if (!entry.startsWith('v1a,')) continue;
    const text = entry.slice(4, entryEnd(entry, entry.length));
    // 64 bytes are 88 base64 characters: longer text is no signature, and not worth decoding.
    if (text.length > 88) continue;
    const signature = fromBase64(text);
    if (signature?.length !== 64) continue;
    signed ??= concatBytes([utf8(delivery.signedPrefix), toBytes(body)]);
    if (await provider.ed25519Verify(publicKey, signature, signed)) return true;
  }
  return false;
}
