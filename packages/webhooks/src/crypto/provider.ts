/** HMAC hash functions the schemes use. */
export type HmacAlgorithm = 'SHA-256' | 'SHA-512';

/** Text encoding of a digest in a header. */
export type DigestEncoding = 'hex' | 'base64';

/**
 * The cryptography the schemes need. The default entry uses WebCrypto (every runtime); under
 * Node's `node` export condition a `node:crypto` provider replaces it. Both pass the same
 * vectors. Pass your own as the `crypto` option to use another implementation.
 */
export interface WebhookCrypto {
  /** HMAC over the concatenation of `parts` (strings are UTF-8), encoded. */
  hmac(
    algorithm: HmacAlgorithm,
    key: Uint8Array,
    parts: readonly (string | Uint8Array)[],
    encoding: DigestEncoding,
  ): Promise<string> | string;
  /** Ed25519 signature with a 32-byte private key (RFC 8032). */
  ed25519Sign(privateKey: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  /** Ed25519 verification with a 32-byte public key. Never throws for a bad signature. */
  ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  /** SHA-256 of `data` as hex, for de-duplication keys. */
  sha256Hex(data: Uint8Array): Promise<string> | string;
}

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte private key follows. */
export const ed25519Pkcs8Prefix = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** DER prefix of an SPKI Ed25519 public key; the 32-byte key follows. */
export const ed25519SpkiPrefix = new Uint8Array([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);
