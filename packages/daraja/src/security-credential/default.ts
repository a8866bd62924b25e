/**
 * `@malipo/daraja/security-credential` (build for runtimes other than Node) — the
 * SecurityCredential is RSA PKCS#1 v1.5 encryption, which WebCrypto does not offer (it encrypts
 * with RSA-OAEP only), so this build explains how to get the credential instead of making it.
 *
 * @module @malipo/daraja/security-credential
 */
import { DarajaConfigError } from '../errors/field-errors.js';
import type { SecurityCredentialCertificate } from './shared.js';

export type { SecurityCredentialCertificate } from './shared.js';

/**
 * Throws a `DarajaConfigError`: this runtime cannot make the SecurityCredential. Make it once on
 * a server with Node (the same import resolves to a working build there) or on the Daraja portal,
 * keep it as a secret, and pass it as `initiator.securityCredential` to `createDaraja`.
 */
export function createSecurityCredential(
  _initiatorPassword: string,
  _certificate: SecurityCredentialCertificate,
): string {
  throw new DarajaConfigError(
    'initiator.securityCredential',
    'this runtime cannot make the SecurityCredential: it needs RSA PKCS#1 v1.5 encryption, and WebCrypto only does RSA-OAEP. Precompute it on a server with Node (createSecurityCredential from "@malipo/daraja/security-credential" under Node) or on the Daraja portal, store it as a secret, and pass it as initiator: { name, securityCredential } to createDaraja().',
  );
}
