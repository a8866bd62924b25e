import type { SimulatorContext } from './context.js';
import {
  checkB2cBody,
  checkBalanceBody,
  checkReversalBody,
  checkStatusBody,
  isRejection,
  type Rejection,
} from './initiator-checks.js';
import {
  createInitiatorResults,
  type Pending,
  type SimulatedAsyncRequest,
} from './initiator-results.js';
import { darajaError, json, requestId } from './replies.js';
import { conversationId as newConversationId } from './result-envelopes.js';

export type { SimulatedAsyncRequest } from './initiator-results.js';

const endpointCodes = {
  b2c: { status: 401, code: '401.002.01' },
  reversal: { status: 401, code: '401.002.01' },
  account_balance: { status: 401, code: '401.002.01' },
  transaction_status: { status: 400, code: '400.003.01' },
} as const;

/**
 * B2C payments, reversals, transaction status and account balance: validated in Daraja's words,
 * accepted at once, and settled after the callback delay with a `Result` POSTed to the
 * `ResultURL` (or to the `QueueTimeOutURL` for a queue timeout).
 */
export function createInitiatorApis(ctx: SimulatorContext) {
  const requests = new Map<string, Pending>();
  const byOriginator = new Map<string, string>();

  const { settleB2c, settleReversal, settleStatus, settleBalance } = createInitiatorResults(
    ctx,
    (id) => requests.get(byOriginator.get(id) ?? id),
  );

  const reject = (r: Rejection) => darajaError(r.status, r.code, r.message);

  const invalidToken = (kind: keyof typeof endpointCodes, request: Request) => {
    const { status, code } = endpointCodes[kind];
    const token = /^Bearer\s+(\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    return darajaError(
      status,
      code,
      code === '401.002.01'
        ? `Error Occurred - Invalid Access Token - ${token ?? 'Missing'}`
        : 'Invalid Access Token',
    );
  };

  const initiatorOk = (name: string, credential: string) =>
    ctx.initiator === undefined ||
    (ctx.initiator.name === name && ctx.initiator.securityCredential === credential);

  /** Keeps memory bounded: forgets the oldest settled requests; false while full of pending ones. */
  const makeRoom = () => {
    for (const [id, request] of requests) {
      if (requests.size < ctx.maxTransactions) break;
      if (request.resultCode === undefined && ctx.scheduled(id)) continue;
      requests.delete(id);
      if (byOriginator.get(request.originatorConversationId) === id) {
        byOriginator.delete(request.originatorConversationId);
      }
    }
    return requests.size < ctx.maxTransactions;
  };

  const accept = (pending: Pending, delayMs: number, settle: (p: Pending) => Promise<void>) => {
    requests.set(pending.conversationId, pending);
    byOriginator.set(pending.originatorConversationId, pending.conversationId);
    ctx.schedule(pending.conversationId, delayMs, () => settle(pending));
    return json(200, {
      OriginatorConversationID: pending.originatorConversationId,
      ConversationID: pending.conversationId,
      ResponseCode: '0',
      ResponseDescription: 'Accept the service request successfully.',
    });
  };

  const base = (
    kind: Pending['kind'],
    fields: {
      initiator: string;
      securityCredential: string;
      resultUrl: string;
      queueTimeoutUrl: string;
      occasion: string;
    },
    originatorConversationId: string,
  ): Pending => ({
    kind,
    conversationId: newConversationId(ctx.now()),
    originatorConversationId,
    amount: undefined,
    phone: undefined,
    transactionId: undefined,
    resultUrl: fields.resultUrl,
    queueTimeoutUrl: fields.queueTimeoutUrl,
    createdAt: ctx.now(),
    resultCode: undefined,
    receipt: undefined,
    deliveries: [],
    outcome: { resultCode: 0 },
    initiatorOk: initiatorOk(fields.initiator, fields.securityCredential),
    occasion: fields.occasion,
    originalConversationId: '',
  });

  const rules = { allowCallbackUrl: ctx.allowCallbackUrl, b2cShortcode: ctx.b2cShortcode };

  return {
    requests: () => [...requests.values()] as SimulatedAsyncRequest[],
    request: (id: string) =>
      requests.get(byOriginator.get(id) ?? id) as SimulatedAsyncRequest | undefined,

    async b2c(request: Request): Promise<Response> {
      if (!ctx.bearerOk(request)) return invalidToken('b2c', request);
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const fields = checkB2cBody(input, rules);
      if (isRejection(fields)) return reject(fields);
      if (byOriginator.has(fields.originatorConversationId)) {
        return darajaError(500, '500.002.1001', 'Duplicate OriginatorConversationID');
      }
      if (!makeRoom()) return darajaError(429, '500.003.02', 'Spike arrest violation');
      const p = base('b2c', fields, fields.originatorConversationId);
      p.amount = fields.amount;
      p.phone = fields.phone;
      p.outcome = ctx.outcomeFor(fields.phone);
      return accept(p, p.outcome.delayMs ?? ctx.callbackDelayMs, settleB2c);
    },

    async reversal(request: Request): Promise<Response> {
      if (!ctx.bearerOk(request)) return invalidToken('reversal', request);
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const fields = checkReversalBody(input, rules);
      if (isRejection(fields)) return reject(fields);
      if (!makeRoom()) return darajaError(429, '500.003.02', 'Spike arrest violation');
      const p = base('reversal', fields, requestId());
      p.amount = fields.amount;
      p.transactionId = fields.transactionId;
      return accept(p, ctx.callbackDelayMs, settleReversal);
    },

    async transactionStatus(request: Request): Promise<Response> {
      if (!ctx.bearerOk(request)) return invalidToken('transaction_status', request);
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const fields = checkStatusBody(input, rules);
      if (isRejection(fields)) return reject(fields);
      if (!makeRoom()) return darajaError(429, '500.003.02', 'Spike arrest violation');
      const p = base('transaction_status', fields, requestId());
      p.transactionId = fields.transactionId || undefined;
      p.originalConversationId = fields.originalConversationId;
      return accept(p, ctx.callbackDelayMs, settleStatus);
    },

    async accountBalance(request: Request): Promise<Response> {
      if (!ctx.bearerOk(request)) return invalidToken('account_balance', request);
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const fields = checkBalanceBody(input, rules);
      if (isRejection(fields)) return reject(fields);
      if (!makeRoom()) return darajaError(429, '500.003.02', 'Spike arrest violation');
      return accept(
        base('account_balance', fields, requestId()),
        ctx.callbackDelayMs,
        settleBalance,
      );
    },
  };
}
