import { darajaTimestamp } from '../../time/timestamp.js';
import { buildStkCallback } from '../callback-builders.js';
import { sandbox } from '../sandbox.js';
import { createC2b, type SimulatedC2bPayment } from './c2b.js';
import type { CallbackDelivery, PostAnswer, SimulatorContext } from './context.js';
import { createInitiatorApis, type SimulatedAsyncRequest } from './initiator-apis.js';
import { createLedger } from './ledger.js';
import { defaultOutcomes, type SimulatedOutcome } from './outcomes.js';
import { checkPushBody } from './push-checks.js';
import { apigeeFault, darajaError, json, randomCode, requestId } from './replies.js';

export type { SimulatedC2bPayment } from './c2b.js';
export type { CallbackDelivery } from './context.js';
export type { SimulatedAsyncRequest } from './initiator-apis.js';

/** Options of {@link createDarajaSimulator}. Every option has a realistic default. */
export interface DarajaSimulatorOptions {
  /** When set, OAuth requires exactly these credentials (else HTTP 400, empty body, as Daraja). */
  consumerKey?: string | undefined;
  consumerSecret?: string | undefined;
  /** @default '174379' (the sandbox shortcode) */
  shortcode?: string | undefined;
  /** @default the sandbox passkey */
  passkey?: string | undefined;
  /** `PartyA` expected on B2C payments and balance queries. @default shortcode */
  b2cShortcode?: string | undefined;
  /**
   * When set, B2C, reversal, status and balance requests from any other initiator name or
   * SecurityCredential are accepted and then fail with result 2001 "The initiator information is
   * invalid", as Daraja does. @default any initiator
   */
  initiator?: { name: string; securityCredential: string } | undefined;
  /**
   * The utility account in cents: B2C payments and reversals of customer payments are paid from
   * it (insufficient → result 1), reversed B2C payments come back into it. Customer payments
   * (STK, C2B) are credited to the working account, which balance results also report.
   * @default 100_000_000 (KES 1,000,000.00)
   */
  balanceCents?: number | undefined;
  /** Till numbers accepted as `PartyB` for `CustomerBuyGoodsOnline`. @default [] */
  tillNumbers?: readonly string[] | undefined;
  /** @default 3599 */
  tokenTtlSeconds?: number | undefined;
  /** Daraja documents a number and sends a string. @default 'string' */
  expiresInAs?: 'string' | 'number' | undefined;
  /** Issuing a token revokes the previous ones, as Daraja's FAQ says it does. @default true */
  singleActiveToken?: boolean | undefined;
  /** Time the simulated customer (or M-Pesa, for results) takes before the callback. @default 1000 */
  callbackDelayMs?: number | undefined;
  /** How a query answers "still processing". @default 'alternate' (both shapes, in turn) */
  pendingShape?: 'http-500' | 'result-4999' | 'alternate' | undefined;
  /**
   * Outcomes per normalised phone number, merged over the test numbers. They apply to B2C
   * recipients too: 0 pays (unless the utility account is short: result 1), 1037 times out in
   * the queue (a POST to the QueueTimeOutURL, nothing paid), `skipCallback` pays without posting
   * the result, any other code fails with it.
   */
  outcomes?: Readonly<Record<string, SimulatedOutcome>> | undefined;
  /** Outcome for any other number. @default { resultCode: 0 } */
  defaultOutcome?: SimulatedOutcome | undefined;
  /** How far a `Timestamp` may be from Kenyan time now. @default 600000 (10 min) */
  timestampToleranceMs?: number | undefined;
  /**
   * Where callbacks may go: a push whose `CallBackURL` (or a request whose `ResultURL`,
   * `QueueTimeOutURL`, C2B `ConfirmationURL` or `ValidationURL`) this refuses is answered as
   * Daraja answers a bad one (`400.002.02 Bad Request - Invalid ResultURL`). Set it whenever
   * others can reach the simulator, so it cannot be made to POST anywhere.
   * @default any http(s) URL
   */
  allowCallbackUrl?: ((url: string) => boolean) | undefined;
  /**
   * Transactions kept for queries, per kind (STK pushes, initiator requests, C2B payments,
   * receipts); past this the oldest settled ones are forgotten (a query for one answers "Invalid
   * CheckoutRequestID"), and while full of pending ones new requests are throttled.
   * @default 10000
   */
  maxTransactions?: number | undefined;
  /** `fetch` used to POST callbacks (never following redirects). Defaults to `globalThis.fetch` at delivery time. */
  fetch?: typeof fetch | undefined;
  /** Clock in epoch ms. */
  now?: (() => number) | undefined;
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
  endpoint:
    | 'oauth'
    | 'stkpush'
    | 'stkquery'
    | 'b2c'
    | 'reversal'
    | 'transactionstatus'
    | 'accountbalance'
    | 'c2bregister'
    | 'c2bsimulate'
    | 'any';
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
  /** STK callbacks posted. */
  callbacksSent: number;
  /** Every request to each of these endpoints, failed or not. */
  b2cRequests: number;
  reversalRequests: number;
  transactionStatusRequests: number;
  accountBalanceRequests: number;
  c2bRegisterRequests: number;
  c2bSimulateRequests: number;
  /** Results posted to ResultURLs and QueueTimeOutURLs. */
  resultsSent: number;
  /** C2B validation and confirmation requests posted. */
  c2bRequestsSent: number;
}

/** A Daraja that runs in-process: use `handle` as a fetch handler, an msw resolver or a server. */
export interface DarajaSimulator {
  /** Answers one request the way Daraja would. */
  handle(request: Request): Promise<Response>;
  readonly stats: SimulatorStats;
  /** STK pushes accepted, pending or settled (oldest first). */
  transactions(): SimulatedTransaction[];
  /** One of them, by `CheckoutRequestID`. */
  transaction(checkoutRequestId: string): SimulatedTransaction | undefined;
  /** B2C payments, reversals, status and balance queries accepted (oldest first). */
  asyncRequests(): SimulatedAsyncRequest[];
  /** One of them, by `ConversationID` or `OriginatorConversationID`. */
  asyncRequest(id: string): SimulatedAsyncRequest | undefined;
  /** C2B payments simulated through `/mpesa/c2b/v2/simulate`. */
  c2bPayments(): SimulatedC2bPayment[];
  /** The utility account, in cents. */
  balanceCents(): number;
  /** Sets the utility account, in integer cents (e.g. to test insufficient funds). */
  setBalanceCents(cents: number): void;
  /** Settles a pending push now (optionally with another result code) and posts its callback. */
  settle(checkoutRequestId: string, resultCode?: number): Promise<void>;
  /** Settles every pending push and request now and waits for all callback deliveries. */
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
  b2c: '/mpesa/b2c/v3/paymentrequest',
  reversal: '/mpesa/reversal/v1/request',
  transactionstatus: '/mpesa/transactionstatus/v1/query',
  accountbalance: '/mpesa/accountbalance/v1/query',
  c2bregister: '/mpesa/c2b/v2/registerurl',
  c2bsimulate: '/mpesa/c2b/v2/simulate',
} as const;

const counters = {
  b2c: 'b2cRequests',
  reversal: 'reversalRequests',
  transactionstatus: 'transactionStatusRequests',
  accountbalance: 'accountBalanceRequests',
  c2bregister: 'c2bRegisterRequests',
  c2bsimulate: 'c2bSimulateRequests',
} as const satisfies Partial<Record<keyof typeof paths, keyof SimulatorStats>>;

/**
 * Creates a Daraja simulator that behaves like Daraja: Basic-auth OAuth with string
 * `expires_in`, bearer checks with each product's invalid-token code, STK push validation in
 * Daraja's words (password, Kenyan-time timestamp, phone, amount, limits), queries that answer
 * "pending" in both real shapes until the customer acts, B2C payments that move a simulated
 * balance, reversals, transaction status and balance queries with their `Result` POSTed after
 * a delay, and C2B registration and simulation calling the registered URLs.
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
  const stats: SimulatorStats = {
    oauthRequests: 0,
    stkPushes: 0,
    stkQueries: 0,
    callbacksSent: 0,
    b2cRequests: 0,
    reversalRequests: 0,
    transactionStatusRequests: 0,
    accountBalanceRequests: 0,
    c2bRegisterRequests: 0,
    c2bSimulateRequests: 0,
    resultsSent: 0,
    c2bRequestsSent: 0,
  };
  const maxTransactions = options.maxTransactions ?? 10_000;
  const ledger = createLedger({
    balanceCents: options.balanceCents ?? 100_000_000,
    maxReceipts: maxTransactions,
  });
  /** Results and C2B requests waiting for their delay; `flush()` runs them at once. */
  const jobs = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; run: () => Promise<void> }
  >();

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

  /** POSTs JSON to `url`, logging the attempt in `log`; resolves with the answer once read. */
  const post = (url: string, body: unknown, log: CallbackDelivery[]) => {
    const attempt: CallbackDelivery = { at: now() };
    log.push(attempt);
    const doFetch = options.fetch ?? globalThis.fetch;
    let answer: PostAnswer | undefined;
    const delivery = doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // A redirect would send the callback somewhere the request never named.
      redirect: 'manual',
    })
      .then(async (response) => {
        attempt.status = response.status;
        const text = await response.text().catch(() => '');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: kept as text.
        }
        answer = { status: response.status, body: parsed };
      })
      .catch((error: unknown) => {
        attempt.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
    return delivery.then(() => answer);
  };

  const deliver = async (txn: SimulatedTransaction) => {
    const body = buildStkCallback({
      checkoutRequestId: txn.checkoutRequestId,
      merchantRequestId: txn.merchantRequestId,
      resultCode: txn.resultCode ?? 0,
      amount: txn.amount,
      receipt: txn.receipt ?? randomCode(10),
      phone: txn.phone,
      transactionDate: darajaTimestamp(now()),
    });
    stats.callbacksSent += 1;
    await post(txn.callbackUrl, body, txn.deliveries);
  };

  const settle = async (checkoutRequestId: string, resultCode?: number) => {
    const txn = transactions.get(checkoutRequestId);
    if (!txn || txn.resultCode !== undefined) return;
    clearTimeout(timers.get(checkoutRequestId));
    timers.delete(checkoutRequestId);
    txn.resultCode = resultCode ?? txn.outcome.resultCode;
    if (txn.resultCode === 0) {
      txn.receipt = randomCode(10);
      ledger.adjust('working', txn.amount * 100);
      ledger.record({
        receipt: txn.receipt,
        kind: 'stk',
        amount: txn.amount,
        phone: txn.phone,
        completedAt: now(),
        originatorConversationId: undefined,
        conversationId: undefined,
        reversedBy: undefined,
      });
    }
    if (!txn.outcome.skipCallback) await deliver(txn);
  };

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

  const outcomeFor = (phone: string) =>
    outcomes[phone] ?? options.defaultOutcome ?? { resultCode: 0 };

  const context: SimulatorContext = {
    now,
    callbackDelayMs,
    maxTransactions,
    shortcode,
    b2cShortcode: options.b2cShortcode ?? shortcode,
    initiator: options.initiator,
    allowCallbackUrl: options.allowCallbackUrl,
    outcomeFor,
    ledger,
    bearerOk,
    readJson,
    post(url, body, log, kind) {
      stats[kind === 'result' ? 'resultsSent' : 'c2bRequestsSent'] += 1;
      return post(url, body, log);
    },
    schedule(id, delayMs, run) {
      const timer = setTimeout(() => {
        jobs.delete(id);
        void run();
      }, delayMs);
      jobs.set(id, { timer, run });
    },
    scheduled: (id) => jobs.has(id),
  };
  const initiatorApis = createInitiatorApis(context);
  const c2b = createC2b(context);

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
      outcome: outcomeFor(body.PhoneNumber),
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

  const routes = {
    stkpush: stkPush,
    stkquery: stkQuery,
    b2c: initiatorApis.b2c,
    reversal: initiatorApis.reversal,
    transactionstatus: initiatorApis.transactionStatus,
    accountbalance: initiatorApis.accountBalance,
    c2bregister: c2b.register,
    c2bsimulate: c2b.simulate,
  } satisfies Record<Exclude<keyof typeof paths, 'oauth'>, (request: Request) => Promise<Response>>;

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
      if (endpoint in counters) stats[counters[endpoint as keyof typeof counters]] += 1;
      const fault = takeFault(endpoint);
      if (endpoint === 'oauth') return fault ?? oauth(request, url);
      if (request.method !== 'POST') return darajaError(405, '405.001', 'Method Not Allowed');
      if (fault) return fault;
      return routes[endpoint](request);
    },
    transactions: () => [...transactions.values()],
    transaction: (id) => transactions.get(id),
    asyncRequests: initiatorApis.requests,
    asyncRequest: initiatorApis.request,
    c2bPayments: c2b.payments,
    balanceCents: ledger.utilityCents,
    setBalanceCents: ledger.setUtilityCents,
    settle,
    async flush() {
      // A job may schedule another (none do today): loop until nothing waits.
      for (let round = 0; round < 10 && (timers.size > 0 || jobs.size > 0); round++) {
        const pending = [...jobs.entries()];
        for (const [id, job] of pending) {
          clearTimeout(job.timer);
          jobs.delete(id);
        }
        await Promise.all([
          ...[...timers.keys()].map((id) => settle(id)),
          ...pending.map(([, job]) => job.run()),
        ]);
      }
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
      for (const job of jobs.values()) clearTimeout(job.timer);
      jobs.clear();
    },
  };
}
