import { stkPassword } from '../../time/password.js';
import { wholeAmount } from './amount.js';

/** Fields of an STK push body, as Daraja reads them (numbers may arrive as strings). */
export interface PushBody {
  BusinessShortCode: string;
  Password: string;
  Timestamp: string;
  TransactionType: string;
  Amount: number;
  PartyA: string;
  PartyB: string;
  PhoneNumber: string;
  CallBackURL: string;
  AccountReference: string;
  TransactionDesc: string;
}

/** A rejection as Daraja words it, or the accepted body. */
export type PushCheck =
  | { ok: true; body: PushBody }
  | { ok: false; status: number; code: string; message: string };

const eatOffsetMs = 3 * 3_600_000;
const str = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
const invalid = (field: string): PushCheck => ({
  ok: false,
  status: 400,
  code: '400.002.02',
  message: `Bad Request - Invalid ${field}`,
});

/** Parses `YYYYMMDDHHmmss` as Kenyan time, to epoch ms. */
function eatToEpoch(timestamp: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - eatOffsetMs;
}

export interface PushRules {
  shortcode: string;
  passkey: string;
  tillNumbers: readonly string[];
  timestampToleranceMs: number;
  now: number;
}

/** Checks a push body the way Daraja does, in Daraja's order and wording. */
export function checkPushBody(input: Record<string, unknown>, rules: PushRules): PushCheck {
  const body: PushBody = {
    BusinessShortCode: str(input.BusinessShortCode),
    Password: str(input.Password),
    Timestamp: str(input.Timestamp),
    TransactionType: str(input.TransactionType),
    Amount: wholeAmount(input.Amount),
    PartyA: str(input.PartyA),
    PartyB: str(input.PartyB),
    PhoneNumber: str(input.PhoneNumber),
    CallBackURL: str(input.CallBackURL),
    AccountReference: str(input.AccountReference),
    TransactionDesc: str(input.TransactionDesc),
  };
  if (body.BusinessShortCode !== rules.shortcode) return invalid('BusinessShortCode');
  const sentAt = eatToEpoch(body.Timestamp);
  // A UTC timestamp is 3 h off Kenyan time: the bug this check exists to catch.
  if (sentAt === undefined || Math.abs(sentAt - rules.now) > rules.timestampToleranceMs)
    return invalid('Timestamp');
  if (body.Password !== stkPassword(rules.shortcode, rules.passkey, body.Timestamp)) {
    return {
      ok: false,
      status: 500,
      code: '500.001.1001',
      message: '[MerchantValidate] - Wrong credentials',
    };
  }
  if (
    body.TransactionType !== 'CustomerPayBillOnline' &&
    body.TransactionType !== 'CustomerBuyGoodsOnline'
  ) {
    return invalid('TransactionType');
  }
  if (!Number.isInteger(body.Amount) || body.Amount < 1 || body.Amount > 250_000)
    return invalid('Amount');
  if (!/^254[17]\d{8}$/.test(body.PartyA)) return invalid('PartyA');
  if (
    body.TransactionType === 'CustomerPayBillOnline'
      ? body.PartyB !== rules.shortcode
      : !rules.tillNumbers.includes(body.PartyB)
  ) {
    return invalid('PartyB');
  }
  if (!/^254[17]\d{8}$/.test(body.PhoneNumber)) return invalid('PhoneNumber');
  try {
    const url = new URL(body.CallBackURL);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid('CallBackURL');
  } catch {
    return invalid('CallBackURL');
  }
  if (body.AccountReference.length === 0 || body.AccountReference.length > 12)
    return invalid('AccountReference');
  if (body.TransactionDesc.length === 0) return invalid('Remarks');
  if (body.TransactionDesc.length > 13) return invalid('TransactionDesc');
  return { ok: true, body };
}
