/** Which Safaricom certificate to encrypt with: the sandbox's, production's, or one you downloaded. */
export type SecurityCredentialCertificate = 'sandbox' | 'production' | { pem: string };
