import { randomBytes, randomFillSync } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random id such as `pay_k3j9…`: 20 base-36 characters after the prefix, each a random byte
 * modulo 36 (103 bits in all, the modulo's slight bias counted). Webhook deliveries (`wh_`) get
 * theirs in the statement that records them: 20 hex characters of a random UUID (80 bits).
 */
export function newId(
  prefix: 'pay' | 'mer' | 'key' | 'evt' | 'we' | 'cb' | 'req' | 'po' | 're' | 'res' | 'cs',
): string {
  if (poolOffset + 20 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let id = `${prefix}_`;
  for (let i = poolOffset; i < poolOffset + 20; i++) id += alphabet[(pool[i] as number) % 36];
  poolOffset += 20;
  return id;
}

// Ids draw from a pool filled 4 KB at a time (as Node's randomUUID does): one call per 200 ids.
const pool = Buffer.alloc(4_000);
let poolOffset = pool.length;

/** A random secret token of `bytes` bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
