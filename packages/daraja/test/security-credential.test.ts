import {
  constants,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  X509Certificate,
} from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  productionCertificate,
  sandboxCertificate,
} from '../src/security-credential/certificates.js';
import { createSecurityCredential as fromDefaultBuild } from '../src/security-credential/default.js';
import { createSecurityCredential } from '../src/security-credential/node.js';

const decrypt = (privateKey: string, credential: string) =>
  privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(credential, 'base64'),
  ).toString('utf8');

describe('createSecurityCredential (Node)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

  it('is RSA PKCS#1 v1.5 of the password, base64: the private key decrypts it back', () => {
    const credential = createSecurityCredential('Safaricom999!*!', { pem: publicKey });
    expect(credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(credential, 'base64')).toHaveLength(256);
    expect(decrypt(privateKey, credential)).toBe('Safaricom999!*!');
    // Random padding: a new ciphertext each time, each valid.
    const again = createSecurityCredential('Safaricom999!*!', { pem: publicKey });
    expect(again).not.toBe(credential);
    expect(decrypt(privateKey, again)).toBe('Safaricom999!*!');
  });

  it('encrypts UTF-8 passwords byte for byte', () => {
    const credential = createSecurityCredential('Pässwörd@2024', { pem: publicKey });
    expect(decrypt(privateKey, credential)).toBe('Pässwörd@2024');
  });

  it('the shipped certificates are Safaricom’s, parse, and give a 256-byte credential', () => {
    for (const [name, pem, cn] of [
      ['sandbox', sandboxCertificate, 'apicrypt.safaricom.co.ke'],
      ['production', productionCertificate, 'apigee.apicaller.safaricom.co.ke'],
    ] as const) {
      const certificate = new X509Certificate(pem);
      expect(certificate.subject).toContain(`CN=${cn}`);
      expect(certificate.issuer).toContain('Safaricom Internal Issuing CA 02');
      expect(createPublicKey(pem).asymmetricKeyDetails?.modulusLength).toBe(2048);
      const credential = createSecurityCredential('Safaricom999!*!', name);
      expect(Buffer.from(credential, 'base64')).toHaveLength(256);
      expect(credential).toHaveLength(344);
    }
  });

  it('accepts a certificate PEM as well as a public key PEM', () => {
    const credential = createSecurityCredential('pw', { pem: sandboxCertificate });
    expect(Buffer.from(credential, 'base64')).toHaveLength(256);
  });

  it.each([
    ['initiatorPassword', '', 'sandbox'],
    ['initiatorPassword', undefined, 'sandbox'],
    ['certificate', 'pw', 'staging'],
    ['certificate', 'pw', { pem: 'not a pem' }],
    ['certificate', 'pw', null],
    ['initiatorPassword', 'x'.repeat(300), 'sandbox'],
  ])('names a bad %s', (field, password, certificate) => {
    expect(() =>
      createSecurityCredential(
        password as string,
        certificate as Parameters<typeof createSecurityCredential>[1],
      ),
    ).toThrow(expect.objectContaining({ name: 'DarajaValidationError', field }));
  });

  it('rejects a key that is not RSA', () => {
    const { publicKey: ec } = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(() => createSecurityCredential('pw', { pem: ec })).toThrow(
      expect.objectContaining({ field: 'certificate' }),
    );
  });
});

describe('createSecurityCredential (other runtimes)', () => {
  it('throws a DarajaConfigError explaining how to precompute the credential', () => {
    const error = (() => {
      try {
        fromDefaultBuild('Safaricom999!*!', 'sandbox');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({
      name: 'DarajaConfigError',
      code: 'invalid_config',
      field: 'initiator.securityCredential',
    });
    expect((error as Error).message).toMatch(/PKCS#1 v1\.5/);
    expect((error as Error).message).toMatch(/RSA-OAEP/);
    expect((error as Error).message).toMatch(/initiator: \{ name, securityCredential \}/);
  });
});
