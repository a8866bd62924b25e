import { describeResultCode } from '../result-codes/catalogue.js';
import { darajaTimestamp } from '../time/timestamp.js';

/** Fields of a built STK callback; everything has a realistic default. */
export interface StkCallbackSpec {
  checkoutRequestId?: string;
  merchantRequestId?: string;
  /** 0 for a payment; 1032 cancelled, 1037 timeout, 1 insufficient funds, … @default 0 */
  resultCode?: number;
  resultDesc?: string;
  /** Whole shillings. @default 1 */
  amount?: number;
  receipt?: string;
  /** @default 254708374149 */
  phone?: string | number;
  /** Kenyan-time `YYYYMMDDHHmmss`; defaults to now. */
  transactionDate?: string | number;
  /** Add a `{"Name":"Balance"}` item without a value, as older real callbacks do. @default true */
  includeBalance?: boolean;
}

/** The JSON body Safaricom POSTs to the callback URL. */
export interface StkCallbackBody {
  Body: {
    stkCallback: {
      MerchantRequestID: string;
      CheckoutRequestID: string;
      ResultCode: number;
      ResultDesc: string;
      CallbackMetadata?: { Item: { Name: string; Value?: string | number }[] };
    };
  };
}

/**
 * Builds an STK callback exactly as Safaricom sends it: numbers for `ResultCode`, `Amount`,
 * `TransactionDate` and `PhoneNumber`; no `CallbackMetadata` on failures.
 */
export function buildStkCallback(spec: StkCallbackSpec = {}): StkCallbackBody {
  const resultCode = spec.resultCode ?? 0;
  const callback: StkCallbackBody['Body']['stkCallback'] = {
    MerchantRequestID: spec.merchantRequestId ?? '29115-34620561-1',
    CheckoutRequestID: spec.checkoutRequestId ?? 'ws_CO_191220191020363925',
    ResultCode: resultCode,
    ResultDesc: spec.resultDesc ?? describeResultCode(resultCode).description,
  };
  if (resultCode === 0) {
    const items: { Name: string; Value?: string | number }[] = [
      { Name: 'Amount', Value: spec.amount ?? 1 },
      { Name: 'MpesaReceiptNumber', Value: spec.receipt ?? 'NLJ7RT61SV' },
    ];
    if (spec.includeBalance ?? true) items.push({ Name: 'Balance' });
    items.push(
      { Name: 'TransactionDate', Value: Number(spec.transactionDate ?? darajaTimestamp()) },
      { Name: 'PhoneNumber', Value: Number(spec.phone ?? 254708374149) },
    );
    callback.CallbackMetadata = { Item: items };
  }
  return { Body: { stkCallback: callback } };
}
