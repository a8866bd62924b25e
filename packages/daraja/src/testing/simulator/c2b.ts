import { darajaTimestamp } from '../../time/timestamp.js';
import { wholeAmount } from './amount.js';
import type { CallbackDelivery, SimulatorContext } from './context.js';
import { darajaError, json, randomCode, requestId } from './replies.js';

/** A C2B payment made through the simulator's `/mpesa/c2b/v2/simulate`. */
export interface SimulatedC2bPayment {
  transactionId: string;
  shortcode: string;
  /** Whole shillings. */
  amount: number;
  phone: string;
  billRefNumber: string;
  /** `pending` until the URLs were called; `rejected` by the validation URL; `cancelled` when validation did not answer and the registration says `Cancelled`; `unregistered` when no URLs were registered. */
  status: 'pending' | 'completed' | 'rejected' | 'cancelled' | 'unregistered';
  deliveries: CallbackDelivery[];
}

interface Registration {
  confirmationUrl: string;
  validationUrl: string;
  responseType: 'Completed' | 'Cancelled';
}

const str = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
const invalid = (field: string) => darajaError(400, '400.002.02', `Bad Request - Invalid ${field}`);
// Daraja's C2B URL rules.
const forbiddenWords = /m-?pesa|safaricom|exe|cmd|sql|query/i;

/** C2B v2 masks the payer's number: `"2547 ***** 149"`. */
const mask = (phone: string) => `${phone.slice(0, 4)} ***** ${phone.slice(-3)}`;

/**
 * C2B URL registration and sandbox simulation: a simulated payment calls the registered
 * validation URL, then (unless rejected) the confirmation URL, after the callback delay.
 */
export function createC2b(ctx: SimulatorContext) {
  const registrations = new Map<string, Registration>();
  const payments = new Map<string, SimulatedC2bPayment>();

  const urlOk = (value: string) => {
    try {
      const url = new URL(value);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    } catch {
      return false;
    }
    if (forbiddenWords.test(value)) return false;
    return ctx.allowCallbackUrl ? ctx.allowCallbackUrl(value) : true;
  };

  const complete = async (payment: SimulatedC2bPayment, registration: Registration) => {
    const body = {
      TransactionType: payment.billRefNumber === '' ? 'Buy Goods' : 'Pay Bill',
      TransID: payment.transactionId,
      TransTime: darajaTimestamp(ctx.now()),
      TransAmount: `${payment.amount}.00`,
      BusinessShortCode: payment.shortcode,
      BillRefNumber: payment.billRefNumber,
      InvoiceNumber: '',
      OrgAccountBalance: '',
      ThirdPartyTransID: '',
      MSISDN: mask(payment.phone),
      FirstName: 'John',
      MiddleName: '',
      LastName: 'Doe',
    };
    const answer = await ctx.post(registration.validationUrl, body, payment.deliveries, 'c2b');
    const reply = (answer?.body ?? {}) as Record<string, unknown>;
    const code = str(reply.ResultCode);
    if (answer && answer.status < 300 && /^C2B\d+$/.test(code)) {
      payment.status = 'rejected';
      return;
    }
    const accepted = answer !== undefined && answer.status < 300 && code === '0';
    // No usable answer in time: the registration's ResponseType decides.
    if (!accepted && registration.responseType === 'Cancelled') {
      payment.status = 'cancelled';
      return;
    }
    ctx.ledger.adjust('working', payment.amount * 100);
    ctx.ledger.record({
      receipt: payment.transactionId,
      kind: 'c2b',
      amount: payment.amount,
      phone: payment.phone,
      completedAt: ctx.now(),
      originatorConversationId: undefined,
      conversationId: undefined,
      reversedBy: undefined,
    });
    payment.status = 'completed';
    const balance = ctx.ledger.workingCents();
    await ctx.post(
      registration.confirmationUrl,
      {
        ...body,
        OrgAccountBalance: `${Math.floor(balance / 100)}.${String(balance % 100).padStart(2, '0')}`,
        ThirdPartyTransID: str(reply.ThirdPartyTransID),
      },
      payment.deliveries,
      'c2b',
    );
  };

  return {
    payments: () => [...payments.values()],

    async register(request: Request): Promise<Response> {
      // C2B registration answers a bad token with its own code.
      if (!ctx.bearerOk(request)) return darajaError(401, '401.003.01', 'Invalid Access Token');
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const shortcode = str(input.ShortCode);
      if (!/^\d{5,7}$/.test(shortcode)) return invalid('ShortCode');
      const responseType = str(input.ResponseType);
      // Sentence case only: "completed" or "Canceled" are refused.
      if (responseType !== 'Completed' && responseType !== 'Cancelled') {
        return invalid('ResponseType');
      }
      const confirmationUrl = str(input.ConfirmationURL);
      if (!urlOk(confirmationUrl)) return invalid('ConfirmationURL');
      const validationUrl = str(input.ValidationURL);
      if (!urlOk(validationUrl)) return invalid('ValidationURL');
      registrations.delete(shortcode);
      registrations.set(shortcode, { confirmationUrl, validationUrl, responseType });
      for (const key of registrations.keys()) {
        if (registrations.size <= ctx.maxTransactions) break;
        registrations.delete(key);
      }
      // Daraja spells it "OriginatorCoversationID".
      return json(200, {
        OriginatorCoversationID: requestId(),
        ResponseCode: '0',
        ResponseDescription: 'Success',
      });
    },

    async simulate(request: Request): Promise<Response> {
      if (!ctx.bearerOk(request)) return darajaError(400, '400.003.01', 'Invalid Access Token');
      const input = await ctx.readJson(request);
      if (!input) return darajaError(400, '400.002.05', 'Invalid Request Payload');
      const shortcode = str(input.ShortCode);
      if (!/^\d{5,7}$/.test(shortcode)) return invalid('ShortCode');
      const commandId = str(input.CommandID);
      if (commandId !== 'CustomerPayBillOnline' && commandId !== 'CustomerBuyGoodsOnline') {
        return invalid('CommandID');
      }
      const amount = wholeAmount(input.Amount);
      if (!Number.isInteger(amount) || amount < 1 || amount > 250_000) return invalid('Amount');
      const phone = str(input.Msisdn);
      if (!/^254[17]\d{8}$/.test(phone)) return invalid('Msisdn');
      for (const [id, payment] of payments) {
        if (payments.size < ctx.maxTransactions) break;
        if (payment.status === 'pending' && ctx.scheduled(id)) continue;
        payments.delete(id);
      }
      if (payments.size >= ctx.maxTransactions) {
        return darajaError(429, '500.003.02', 'Spike arrest violation');
      }
      const payment: SimulatedC2bPayment = {
        transactionId: randomCode(10),
        shortcode,
        amount,
        phone,
        billRefNumber: commandId === 'CustomerPayBillOnline' ? str(input.BillRefNumber) : '',
        status: 'pending',
        deliveries: [],
      };
      payments.set(payment.transactionId, payment);
      ctx.schedule(payment.transactionId, ctx.callbackDelayMs, async () => {
        const registration = registrations.get(shortcode);
        // Unregistered: accepted, and nothing is ever posted (register before each simulation).
        if (!registration) {
          payment.status = 'unregistered';
          return;
        }
        await complete(payment, registration);
      });
      return json(200, {
        OriginatorCoversationID: requestId(),
        ResponseCode: '0',
        ResponseDescription: 'Accept the service request successfully.',
      });
    },
  };
}
