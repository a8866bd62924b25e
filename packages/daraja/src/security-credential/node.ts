/**
 * `@malipo/daraja/security-credential` (Node build) — makes Daraja's `SecurityCredential`: the
 * initiator password encrypted with Safaricom's public certificate using RSA PKCS#1 v1.5
 * padding, base64-encoded. Node's `crypto.publicEncrypt` does this; WebCrypto only offers
 * RSA-OAEP, so other runtimes take the credential precomputed (see the default build).
 *
 * @module @malipo/daraja/security-credential
 */
import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
import { DarajaValidationError } from '../errors/field-errors.js';
import { productionCertificate, sandboxCertificate } from './certificates.js';
import type { SecurityCredentialCertificate } from './shared.js';

export type { SecurityCredentialCertificate } from './shared.js';

/**
 * Encrypts the initiator password into the `SecurityCredential` for `createDaraja({ initiator })`.
 * Use the certificate of the environment the credential is for: a sandbox credential in
 * production (or the reverse) gives result code 2001. `{ pem }` takes a certificate or a public
 * key in PEM form. The output differs on every call (PKCS#1 v1.5 padding is random); each is valid.
 *
 * @example
 * import { createSecurityCredential } from '@malipo/daraja/security-credential';
 * const securityCredential = createSecurityCredential(process.env.MPESA_INITIATOR_PASSWORD!, 'production');
 */
export function createSecurityCredential(
  initiatorPassword: string,
  certificate: SecurityCredentialCertificate,
): string {
  if (typeof initiatorPassword !== 'string' || initiatorPassword === '') {
    throw new DarajaValidationError(
      'initiatorPassword',
      'expected the initiator password as a non-empty string.',
    );
  }
  const pem =
    certificate === 'sandbox'
      ? sandboxCertificate
      : certificate === 'production'
        ? productionCertificate
        : typeof certificate === 'object' &&
            certificate !== null &&
            typeof certificate.pem === 'string'
          ? certificate.pem
          : undefined;
  if (pem === undefined) {
    throw new DarajaValidationError(
      'certificate',
      'expected "sandbox", "production" or { pem } with a certificate or public key in PEM form.',
    );
  }
  let key: ReturnType<typeof createPublicKey>;
  try {
    // A certificate or a public key, PEM; the certificate's dates are not checked (Daraja's are
    // long expired and still in use).
    key = createPublicKey(pem);
  } catch (error) {
    throw new DarajaValidationError(
      'certificate',
      `not a PEM certificate or public key (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new DarajaValidationError('certificate', 'expected an RSA certificate or public key.');
  }
  try {
    return publicEncrypt(
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(initiatorPassword, 'utf8'),
    ).toString('base64');
  } catch (error) {
    throw new DarajaValidationError(
      'initiatorPassword',
      `could not be encrypted (${error instanceof Error ? error.message : String(error)}); is it the plain password, not an already-encrypted credential?`,
    );
  }
}
