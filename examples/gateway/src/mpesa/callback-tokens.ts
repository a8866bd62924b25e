import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.js';
import { randomToken } from '../ids/ids.js';
import type { Mode } from '../merchants/merchant.js';
import { ensureSettingValue, readSetting, writeSetting } from '../stores/merchants-store.js';

const currentName: Record<Mode, string> = {
  test: 'mpesa_callback_token',
  live: 'mpesa_callback_token_live',
};
const previousName = (mode: Mode) => `${currentName[mode]}_previous`;

interface Tokens {
  current: Record<Mode, string>;
  /** A rotated-out token still accepted until `until` (epoch ms): pushes in flight name it. */
  previous: Partial<Record<Mode, { token: string; until: number }>>;
}

/** Each mode's secret callback path token, rotatable with an overlap. */
export interface CallbackTokens {
  /** The mode a presented token belongs to (constant-time comparisons), or undefined. */
  modeOf(presented: string): Promise<Mode | undefined>;
  /** Where Daraja should post a new push's callback. */
  callbackUrl(mode: Mode): Promise<string>;
  /** A new token; the old one stays valid for `overlapSeconds` (pushes already sent name it). */
  rotate(mode: Mode, overlapSeconds: number): Promise<{ until: Date }>;
}

/**
 * Callback tokens kept in the database and read through a short cache, so every API process
 * learns a rotation within `cacheMs`.
 */
export async function createCallbackTokens(
  db: Database,
  options: { publicUrl: string; cacheMs?: number },
): Promise<CallbackTokens> {
  for (const mode of ['test', 'live'] as const) {
    await ensureSettingValue(db, currentName[mode], randomToken(24));
  }
  let cached: { at: number; tokens: Tokens } | undefined;
  const load = async (): Promise<Tokens> => {
    if (cached && Date.now() - cached.at < (options.cacheMs ?? 5_000)) return cached.tokens;
    const tokens: Tokens = { current: { test: '', live: '' }, previous: {} };
    for (const mode of ['test', 'live'] as const) {
      tokens.current[mode] = (await readSetting(db, currentName[mode])) ?? '';
      const previous = await readSetting(db, previousName(mode));
      if (previous) tokens.previous[mode] = JSON.parse(previous);
    }
    cached = { at: Date.now(), tokens };
    return tokens;
  };
  const same = (a: string, b: string) => {
    const [x, y] = [Buffer.from(a), Buffer.from(b)];
    return x.length === y.length && timingSafeEqual(x, y);
  };
  return {
    async modeOf(presented) {
      const tokens = await load();
      let found: Mode | undefined;
      for (const mode of ['test', 'live'] as const) {
        if (same(presented, tokens.current[mode])) found = mode;
        const previous = tokens.previous[mode];
        if (previous && previous.until > Date.now() && same(presented, previous.token))
          found = mode;
      }
      return found;
    },
    async callbackUrl(mode) {
      return `${options.publicUrl}/callbacks/mpesa/${(await load()).current[mode]}`;
    },
    async rotate(mode, overlapSeconds) {
      const old = (await readSetting(db, currentName[mode])) as string;
      const until = Date.now() + overlapSeconds * 1000;
      await db.transaction(async (tx) => {
        await writeSetting(tx, previousName(mode), JSON.stringify({ token: old, until }));
        await writeSetting(tx, currentName[mode], randomToken(24));
      });
      cached = undefined;
      return { until: new Date(until) };
    },
  };
}
