import { createHash, randomBytes } from 'node:crypto';

const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id shaped like the gateway's (`pay_` + 20 lowercase letters and digits). */
export function randomId(prefix: string): string {
  const bytes = randomBytes(20);
  let id = '';
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return `${prefix}_${id}`;
}

/**
 * The same event id for the same object reaching the same state, so a receiver's
 * de-duplication treats a re-forwarded change as the retry it is.
 */
export function stableEventId(objectId: string, eventType: string): string {
  return `evt_${createHash('sha256').update(`${objectId}:${eventType}`).digest('hex').slice(0, 20)}`;
}
