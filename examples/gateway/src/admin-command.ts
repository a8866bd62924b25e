import { readFileSync } from 'node:fs';
import type { GatewayConfig } from './config/config.js';
import { adminTokenFile } from './merchants/admin-token.js';

/** One `admin` operation: its HTTP call to a running gateway's operator routes. */
interface AdminCall {
  method: 'GET' | 'POST';
  path: string;
  body?: object;
}

export const adminUsage = `Usage: gateway admin <operation>   (talks to the running gateway)

  merchants create --name NAME                     a merchant, its webhook secrets and a test key
  keys create --merchant MER_ID --mode test|live   another API key
  keys list --merchant MER_ID                      a merchant's keys (never their secrets)
  keys revoke KEY_ID                               refused from the next request on
  keys roll KEY_ID                                 a new secret for the key; the old one stops
  webhook-secret rotate --merchant MER_ID --mode test|live [--overlap SECONDS]
                                                   a new signing secret for that mode's events; both
                                                   sign meanwhile (default 86400)
  callback-token rotate --mode test|live [--overlap SECONDS]
                                                   a new M-Pesa callback path; the old one works meanwhile
  login-link --merchant MER_ID                     a one-time dashboard sign-in link (15 minutes)
  payments review PAY_ID --note TEXT [--outcome completed|failed] [--receipt RECEIPT]
                                                   ends the review of a flagged payment: a PENDING
                                                   one settles as decided (completed: the money is
                                                   confirmed received), any other keeps its status

ADMIN_URL (default http://127.0.0.1:$PORT) and ADMIN_TOKEN (default: the admin-token file in
DATA_DIR, written by the embedded gateway on first start) say where and how.`;

/** Each operation: how many words name it (with the id it acts on), and the options it takes. */
const operations: Record<string, { words: number; options: readonly string[] }> = {
  'merchants create': { words: 2, options: ['name'] },
  'keys create': { words: 2, options: ['merchant', 'mode'] },
  'keys list': { words: 2, options: ['merchant'] },
  'keys revoke': { words: 3, options: [] },
  'keys roll': { words: 3, options: [] },
  'webhook-secret rotate': { words: 2, options: ['merchant', 'mode', 'overlap'] },
  'callback-token rotate': { words: 2, options: ['mode', 'overlap'] },
  'login-link': { words: 1, options: ['merchant'] },
  'payments review': { words: 3, options: ['note', 'outcome', 'receipt'] },
};

/** A merchant id as one path segment: whatever it holds, it names no other admin route. */
const segment = (id: string | undefined) => encodeURIComponent(id ?? '');

/** The call an `admin` command line asks for, or a problem naming what to fix. */
export function adminCall(
  words: readonly string[],
  options: {
    name?: string | undefined;
    merchant?: string | undefined;
    mode?: string | undefined;
    overlap?: string | undefined;
    note?: string | undefined;
    outcome?: string | undefined;
    receipt?: string | undefined;
  },
): AdminCall | string {
  const [noun, verb, id] = words;
  const need = (value: string | undefined, flag: string) =>
    value === undefined || value.trim() === '' ? `${noun} ${verb} needs ${flag}.` : undefined;
  const key = noun === 'login-link' ? noun : `${noun} ${verb}`;
  const operation = operations[key];
  if (!operation) return `Unknown admin operation "${words.join(' ')}".`;
  if (words.length !== operation.words) {
    return words.length > operation.words
      ? `${key} takes no more words: remove "${words.slice(operation.words).join(' ')}" (one operation per command).`
      : key === 'payments review'
        ? `${key} needs a payment id: ${key} PAY_ID --note TEXT.`
        : `${key} needs a key id: ${key} KEY_ID.`;
  }
  const stray = Object.entries(options).find(
    ([name, value]) => value !== undefined && !operation.options.includes(name),
  );
  if (stray) return `${key} takes no --${stray[0]}.`;
  if (options.overlap !== undefined && !/^\d{1,9}$/.test(options.overlap)) {
    return `--overlap takes whole seconds (digits only), e.g. --overlap 86400; got "${options.overlap}".`;
  }
  if (key === 'merchants create') {
    return (
      need(options.name, '--name NAME') ?? {
        method: 'POST',
        path: '/merchants',
        body: { name: options.name },
      }
    );
  }
  if (key === 'keys create') {
    return (
      need(options.merchant, '--merchant MER_ID') ??
      (options.mode === 'test' || options.mode === 'live'
        ? {
            method: 'POST',
            path: `/merchants/${segment(options.merchant)}/keys`,
            body: { mode: options.mode },
          }
        : 'keys create needs --mode test or --mode live.')
    );
  }
  if (key === 'keys list') {
    return (
      need(options.merchant, '--merchant MER_ID') ?? {
        method: 'GET',
        path: `/merchants/${segment(options.merchant)}/keys`,
      }
    );
  }
  if ((key === 'keys revoke' || key === 'keys roll') && id) {
    return { method: 'POST', path: `/keys/${encodeURIComponent(id)}/${verb}`, body: {} };
  }
  if (key === 'webhook-secret rotate' || key === 'callback-token rotate') {
    const merchant =
      key === 'webhook-secret rotate' ? need(options.merchant, '--merchant MER_ID') : undefined;
    if (merchant) return merchant;
    if (options.mode !== 'test' && options.mode !== 'live') {
      return `${key} needs --mode test or --mode live.`;
    }
    const overlap = options.overlap === undefined ? undefined : Number(options.overlap);
    return {
      method: 'POST',
      path:
        key === 'webhook-secret rotate'
          ? `/merchants/${segment(options.merchant)}/webhook-secret/rotate`
          : '/callback-token/rotate',
      body: { mode: options.mode, ...(overlap === undefined ? {} : { overlap_seconds: overlap }) },
    };
  }
  if (key === 'login-link') {
    return (
      need(options.merchant, '--merchant MER_ID') ?? {
        method: 'POST',
        path: `/merchants/${segment(options.merchant)}/login-links`,
        body: {},
      }
    );
  }
  if (key === 'payments review' && id) {
    const outcome = options.outcome?.toUpperCase();
    if (outcome !== undefined && outcome !== 'COMPLETED' && outcome !== 'FAILED') {
      return `--outcome is completed or failed; got "${options.outcome}".`;
    }
    return (
      need(options.note, '--note TEXT (why, for the audit trail)') ?? {
        method: 'POST',
        path: `/payments/${encodeURIComponent(id)}/review`,
        body: {
          note: options.note,
          ...(outcome === undefined ? {} : { outcome }),
          ...(options.receipt === undefined ? {} : { receipt: options.receipt.toUpperCase() }),
        },
      }
    );
  }
  return `Unknown admin operation "${words.join(' ')}".`;
}

/** Sends the call to the running gateway and prints its answer; returns the exit code. */
export async function runAdmin(config: GatewayConfig, call: AdminCall): Promise<number> {
  const base = config.adminUrl;
  let token = config.adminToken;
  if (!token && config.database.kind === 'pglite') {
    try {
      token = readFileSync(adminTokenFile(config.database.dataDir), 'utf8').trim();
    } catch {
      console.error(
        `No ADMIN_TOKEN, and no admin-token file in ${config.database.dataDir}: start the gateway once, or set ADMIN_TOKEN.`,
      );
      return 2;
    }
  }
  if (!token) {
    console.error('Set ADMIN_TOKEN to the token the gateway printed on first start.');
    return 2;
  }
  let answer: Response;
  try {
    answer = await fetch(`${base}/admin/v1${call.path}`, {
      method: call.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(call.body ? { body: JSON.stringify(call.body) } : {}),
    });
  } catch (error) {
    console.error(
      // fetch says "fetch failed"; its cause says why (ECONNREFUSED…).
      `Cannot reach the gateway at ${base} (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}): is it running? ADMIN_URL says where.`,
    );
    return 1;
  }
  console.log(JSON.stringify(await answer.json(), null, 2));
  return answer.ok ? 0 : 1;
}
