import { darajaTimestamp } from '../../time/timestamp.js';
import { buildStkCallback } from '../callback-builders.js';
import { sandbox } from '../sandbox.js';
import { defaultOutcomes, type SimulatedOutcome } from './outcomes.js';
import { checkPushBody } from './push-checks.js';
import { apigeeFault, darajaError, json, randomCode, requestId } from './replies.js';

/** Options of {@link createDarajaSimulator}. Every option has a realistic default. */
export interface DarajaSimulatorOptions {
  /** When set, OAuth requires exactly these credentials (else HTTP 400, empty body, as Daraja). */
  consumerKey?: string | undefined;
  consumerSecret?: string | undefined;
  /** @default '174379' (the sandbox shortcode) */
  shortcode?: string | undefined;
  /** @default the sandbox passkey */
  passkey?: string | undefined;
  /** Till numbers accepted as `PartyB` for `CustomerBuyGoodsOnline`. @default [] */
  tillNumbers?: readonly string[] | undefined;
  /** @default 3599 */
  tokenTtlSeconds?: number | undefined;
  /** Daraja documents a number and sends a string. @default 'string' */
  expiresInAs?: 'string' | 'number' | undefined;
  /** Issuing a token revokes the previous ones, as Daraja's FAQ says it does. @default true */
  singleActiveToken?: boolean | undefined;
  /** Time the simulated customer takes before the callback. @default 1000 */
  callbackDelayMs?: number | undefined;
  /** How a query answers "still processing". @default 'alternate' (both shapes, in turn) */
  pendingShape?: 'http-500' | 'result-4999' | 'alternate' | undefined;
  /** Outcomes per normalised phone number, merged over the test numbers. */
  outcomes?: Readonly<Record<string, SimulatedOutcome>> | undefined;
  /** Outcome for any other number. @default { resultCode: 0 } */
  defaultOutcome?: SimulatedOutcome | undefined;
  /** How far a `Timestamp` may be from Kenyan time now. @default 600000 (10 min) */
  timestampToleranceMs?: number | undefined;
  /**
   * Where callbacks may go: a push whose `CallBackURL` this refuses is answered as Daraja answers
   * a bad one. Set it whenever others can reach the simulator, so it cannot be made to POST
   * anywhere. @default any http(s) URL
   */
  allowCallbackUrl?: ((url: string) => boolean) | undefined;
  /**
   * Transactions kept for queries; past this the oldest settled ones are forgotten (a query for
   * one answers "Invalid CheckoutRequestID"). @default 10000
   */
  maxTransactions?: number | undefined;
  /** `fetch` used to POST callbacks (never following redirects). Defaults to `globalThis.fetch` at delivery time. */
  fetch?: typeof fetch | undefined;
  /** Clock in epoch ms. */
  now?: (() => number) | undefined;
}

/** One delivery attempt of a callback. */
export interface CallbackDelivery {
  at: number;
  status?: number;
  error?: string;
}

/** A push the simulator accepted. */
export interface SimulatedTransaction {
  checkoutRequestId: string;
  merchantRequestId: string;
  phone: string;
  amount: number;
  accountReference: string;
  callbackUrl: string;
  outcome: SimulatedOutcome;
  createdAt: number;
  /** Result code once settled. */
  resultCode: number | undefined;
  receipt: string | undefined;
  deliveries: CallbackDelivery[];
}

/** A failure to inject into the next matching requests. */
export interface SimulatedFault {
  endpoint: 'oauth' | 'stkpush' | 'stkquery' | 'any';
  status: number;
  /** JSON value or raw text (HTML, empty string). */
  body?: unknown;
  /** @default 1 */
  count?: number;
}

/** Counters, for tests that assert how many calls reached Daraja. */
export interface SimulatorStats {
  /** Every OAuth request, failed or not. */
  oauthRequests: number;
  /** Pushes accepted. */
  stkPushes: number;
  /** Every query request, failed or not. */
  stkQueries: number;
  callbacksSent: number;
}

/** A Daraja that runs in-process: use `handle` as a fetch handler, an msw resolver or a server. */
export interface DarajaSimulator {
  /** Answers one request the way Daraja would. */
  handle(request: Request): Promise<Response>;
  readonly stats: SimulatorStats;
  transactions(): SimulatedTransaction[];
  transaction(checkoutRequestId: string): SimulatedTransaction | undefined;
  /** Settles a pending push now (optionally with another result code) and posts its callback. */
  settle(checkoutRequestId: string, resultCode?: number): Promise<void>;
  /** Settles every pending push now and waits for all callback deliveries. */
  flush(): Promise<void>;
  /** Waits for callback deliveries in flight. */
  idle(): Promise<void>;
  /** Revokes every issued token, as if they had expired. */
  revokeTokens(): void;
  /** Makes the next `count` matching requests fail with the given answer. */
  failNext(fault: SimulatedFault): void;
  /** Cancels pending timers. */
  close(): void;
}

const paths = {
  oauth: '/oauth/v1/generate',
  stkpush: '/mpesa/stkpush/v1/processrequest',
  stkquery: '/mpesa/stkpushquery/v1/query',
} as const;

/**
 * Creates a Daraja simulator that behaves like Daraja: Basic-auth OAuth with string
 * `expires_in`, bearer checks with `404.001.03`, STK push validation in Daraja's words
 * (password, Kenyan-time timestamp, phone, amount, limits), queries that answer "pending" in
 * both real shapes until the customer acts, and callbacks POSTed after a delay.
 */
export function createDarajaSimulator(options: DarajaSimulatorOptions = {}): DarajaSimulator {
  const now = options.now ?? Date.now;
  const shortcode = options.shortcode ?? sandbox.shortcode;
  const passkey = options.passkey ?? sandbox.passkey;
  const callbackDelayMs = options.callbackDelayMs ?? 1_000;
  const outcomes = { ...defaultOutcomes, ...options.outcomes };
  const tokens = new Map<string, number>();
  const transactions = new Map<string, SimulatedTransaction>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const deliveries = new Set<Promise<void>>();
  const faults: Required<SimulatedFault>[] = [];
  const pendingAnswers = new Map<string, number>();
  const stats: SimulatorStats = { oauthRequests: 0, stkPushes: 0, stkQueries: 0, callbacksSent: 0 };

  const takeFault = (endpoint: SimulatedFault['endpoint']) => {
    const index = faults.findIndex((f) => f.endpoint === endpoint || f.endpoint === 'any');
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.count -= 1;
    if (fault.count <= 0) faults.splice(index, 1);
    const body =
      typeof fault.body === 'string'
        ? fault.body
        : fault.body === undefined
          ? ''
          : JSON.stringify(fault.body);
    const type =
      typeof fault.body === 'string' && fault.body.trimStart().startsWith('<')
        ? 'text/html'
        : 'application/json';
    return new Response(body === '' ? null : body, {
      status: fault.status,
      headers: { 'content-type': type },
    });
  };

  const deliver = (txn: SimulatedTransaction) => {
    const body = buildStkCallback({
      checkoutRequestId: txn.checkoutRequestId,
      merchantRequestId: txn.merchantRequestId,
      resultCode: txn.resultCode ?? 0,
      amount: txn.amount,
      receipt: txn.receipt ?? randomCode(10),
      phone: txn.phone,
      transactionDate: darajaTimestamp(now()),
    });
    const attempt: CallbackDelivery = { at: now() };
    txn.deliveries.push(attempt);
    stats.callbacksSent += 1;
    const doFetch = options.fetch ?? globalThis.fetch;
    const delivery = doFetch(txn.callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // A redirect would send the callback somewhere the push never named.
      redirect: 'manual',
    })
      .then(async (response) => {
        attempt.status = response.status;
        await response.body?.cancel();
      })
      .catch((error: unknown) => {
        attempt.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
    return delivery;
  };

  const settle = async (checkoutRequestId: string, resultCode?: number) => {
    const txn = transactions.get(checkoutRequestId);
    if (!txn || txn.resultCode !== undefined) return;
    clearTimeout(timers.get(checkoutRequestId));
    timers.delete(checkoutRequestId);
    txn.resultCode = resultCode ?? txn.outcome.resultCode;
    if (txn.resultCode === 0) txn.receipt = randomCode(10);
    if (!txn.outcome.skipCallback) await deliver(txn);
  };

  const maxTransactions = options.maxTransactions ?? 10_000;
  /** Keeps memory bounded: forgets the oldest settled transactions (Maps iterate oldest first). */
  const forgetOldest = () => {
    if (transactions.size < maxTransactions) return;
    for (const [id, txn] of transactions) {
      if (transactions.size < maxTransactions) break;
      if (txn.resultCode === undefined && timers.has(id)) continue;
      transactions.delete(id);
      pendingAnswers.delete(id);
    }
    for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token);
  };

  const bearerOk = (request: Request) => {
    const match = /^Bearer\s+(\S+)$/.exec(request.headers.get('authorization') ?? '');
    const expiresAt = match ? tokens.get(match[1]!) : undefined;
    return expiresAt !== undefined && expiresAt > now();
  };

  const readJson = async (request: Request): Promise<Record<string, unknown> | undefined> => {
    try {
      const value: unknown = JSON.parse(await request.text());
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  };

  const oauth = (request: Request, url: URL) => {
    if (request.method !== 'GET')
      return darajaError(404, '404.001.04', 'Invalid Authentication Header');
    if (url.searchParams.get('grant_type') !== 'client_credentials') {
      return darajaError(400, '400.008.02', 'Invalid grant type passed');
    }
    const match = /^Basic\s+(\S+)$/.exec(request.headers.get('authorization') ?? '');
    let credentials: string[] = [];
    try {
      credentials = match ? atob(match[1]!).split(':') : [];
    } catch {
      credentials = [];
    }
    const [key, secret] = credentials;
    const known =
      options.consumerKey === undefined ||
      (key === options.consumerKey && secret === options.consumerSecret);
    if (!key || !secret || !known) return new Response(null, { status: 400 });
    if (options.singleActiveToken ?? true) tokens.clear();
    const ttl = options.tokenTtlSeconds ?? 3599;
    const token = randomCode(28);
    tokens.set(token, now() + ttl * 1000);
    return json(200, {
      access_token: token,
      expires_in: options.expiresInAs === 'number' ? ttl : String(ttl),
    });
  };

  const stkPush = async (request: Request) => {
    if (!bearerOk(request)) return darajaError(404, '404.001.03', 'Invalid Access Token');
    const input = await readJson(request);
    if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
    const check = checkPushBody(input, {
      shortcode,
      passkey,
      tillNumbers: options.tillNumbers ?? [],
      timestampToleranceMs: options.timestampToleranceMs ?? 600_000,
      now: now(),
    });
    if (!check.ok) return darajaError(check.status, check.code, check.message);
    if (options.allowCallbackUrl && !options.allowCallbackUrl(check.body.CallBackURL)) {
      return darajaError(400, '400.002.02', 'Bad Request - Invalid CallBackURL');
    }
    forgetOldest();
    // Still full of pushes waiting for their customer: throttle, as Daraja's spike arrest does.
    if (transactions.size >= maxTransactions) {
      return darajaError(429, '500.003.02', 'Spike arrest violation');
    }
    stats.stkPushes += 1;
    const { body } = check;
    const checkoutRequestId = `ws_CO_${darajaTimestamp(now())}${randomCode(12)}`;
    const txn: SimulatedTransaction = {
      checkoutRequestId,
      merchantRequestId: requestId(),
      phone: body.PhoneNumber,
      amount: body.Amount,
      accountReference: body.AccountReference,
      callbackUrl: body.CallBackURL,
      outcome: outcomes[body.PhoneNumber] ?? options.defaultOutcome ?? { resultCode: 0 },
      createdAt: now(),
      resultCode: undefined,
      receipt: undefined,
      deliveries: [],
    };
    transactions.set(checkoutRequestId, txn);
    const timer = setTimeout(
      () => void settle(checkoutRequestId),
      txn.outcome.delayMs ?? callbackDelayMs,
    );
    timers.set(checkoutRequestId, timer);
    return json(200, {
      MerchantRequestID: txn.merchantRequestId,
      CheckoutRequestID: checkoutRequestId,
      ResponseCode: '0',
      ResponseDescription: 'Success. Request accepted for processing',
      CustomerMessage: 'Success. Request accepted for processing',
    });
  };

  const stkQuery = async (request: Request) => {
    if (!bearerOk(request)) return darajaError(404, '404.001.03', 'Invalid Access Token');
    const input = await readJson(request);
    if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
    const id = typeof input.CheckoutRequestID === 'string' ? input.CheckoutRequestID : '';
    const txn = transactions.get(id);
    if (!txn) return darajaError(400, '400.002.02', 'Bad Request - Invalid CheckoutRequestID');
    if (txn.resultCode === undefined) {
      const count = (pendingAnswers.get(id) ?? 0) + 1;
      pendingAnswers.set(id, count);
      const shape = options.pendingShape ?? 'alternate';
      const use500 = shape === 'http-500' || (shape === 'alternate' && count % 2 === 1);
      if (use500) return darajaError(500, '500.001.1001', 'The transaction is being processed');
      return json(200, {
        ResponseCode: '0',
        ResponseDescription: 'The service request has been accepted successsfully',
        MerchantRequestID: txn.merchantRequestId,
        CheckoutRequestID: id,
        ResultCode: '4999',
        ResultDesc: 'The transaction is still under processing',
      });
    }
    return json(200, {
      ResponseCode: '0',
      ResponseDescription: 'The service request has been accepted successsfully',
      MerchantRequestID: txn.merchantRequestId,
      CheckoutRequestID: id,
      ResultCode: String(txn.resultCode),
      ResultDesc:
        txn.resultCode === 0
          ? 'The service request is processed successfully.'
          : `Result ${txn.resultCode}`,
    });
  };

  return {
    stats,
    async handle(request) {
      const url = new URL(request.url);
      const endpoint = (Object.keys(paths) as (keyof typeof paths)[]).find(
        (k) => paths[k] === url.pathname,
      );
      if (!endpoint) return apigeeFault(url.pathname);
      if (endpoint === 'oauth') stats.oauthRequests += 1;
      if (endpoint === 'stkquery') stats.stkQueries += 1;
      const fault = takeFault(endpoint);
      if (endpoint === 'oauth') return fault ?? oauth(request, url);
      if (request.method !== 'POST') return darajaError(405, '405.001', 'Method Not Allowed');
      if (fault) return fault;
      return endpoint === 'stkpush' ? stkPush(request) : stkQuery(request);
    },
    transactions: () => [...transactions.values()],
    transaction: (id) => transactions.get(id),
    settle,
    async flush() {
      await Promise.all([...timers.keys()].map((id) => settle(id)));
      await Promise.all([...deliveries]);
    },
    async idle() {
      while (deliveries.size > 0) await Promise.all([...deliveries]);
    },
    revokeTokens: () => tokens.clear(),
    failNext(fault) {
      faults.push({ body: undefined, count: 1, ...fault } as Required<SimulatedFault>);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
