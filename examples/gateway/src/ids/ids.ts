import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id such as `pay_k3j9…`: 20 base-36 characters (103 bits) after the prefix. */
export function newId(
  prefix: 'pay' | 'mer' | 'key' | 'evt' | 'wh' | 'we' | 'cb' | 'req' | 'po' | 're' | 'res' | 'cs',
): string {
  const bytes = randomBytes(20);
  let id = `${prefix}_`;
  for (const byte of bytes) id += alphabet[byte % 36];
  return id;
}

/** A random secret token of `bytes` bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
