/**
 * Callback and query bodies in the shapes Daraja really sends, from the Daraja docs and
 * captures published in open-source Daraja libraries and issue threads. Use them to test your
 * own handlers.
 */
export const capturedPayloads = Object.freeze({
  /** Docs sample: success with a `Balance` item that has no `Value`. */
  callbackSuccessWithBalance: {
    Body: {
      stkCallback: {
        MerchantRequestID: '29115-34620561-1',
        CheckoutRequestID: 'ws_CO_191220191020363925',
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: {
          Item: [
            { Name: 'Amount', Value: 1.0 },
            { Name: 'MpesaReceiptNumber', Value: 'NLJ7RT61SV' },
            { Name: 'Balance' },
            { Name: 'TransactionDate', Value: 20191219102115 },
            { Name: 'PhoneNumber', Value: 254708374149 },
          ],
        },
      },
    },
  },
  /** 2025 docs sample: no `Balance` item at all. */
  callbackSuccessNoBalance: {
    Body: {
      stkCallback: {
        MerchantRequestID: '29115-34620561-1',
        CheckoutRequestID: 'ws_CO_17112025120000123456789',
        ResultCode: 0,
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: {
          Item: [
            { Name: 'Amount', Value: 50 },
            { Name: 'MpesaReceiptNumber', Value: 'RKL1234ABC' },
            { Name: 'TransactionDate', Value: 20251117120530 },
            { Name: 'PhoneNumber', Value: 254712345678 },
          ],
        },
      },
    },
  },
  /** Items in another order, `ResultCode` as a string, `Balance` with a value. */
  callbackSuccessReordered: {
    Body: {
      stkCallback: {
        MerchantRequestID: '16813-1590513-1',
        CheckoutRequestID: 'ws_CO_050520221040123712',
        ResultCode: '0',
        ResultDesc: 'The service request is processed successfully.',
        CallbackMetadata: {
          Item: [
            { Name: 'PhoneNumber', Value: 254722000000 },
            { Name: 'TransactionDate', Value: 20220505104103 },
            {
              Name: 'Balance',
              Value: '{Amount={CurrencyCode=KES, MinimumAmount=0, BasicAmount=0.00}}',
            },
            { Name: 'MpesaReceiptNumber', Value: 'QE51ABCDEF' },
            { Name: 'Amount', Value: 2500 },
          ],
        },
      },
    },
  },
  /** The customer cancelled: no `CallbackMetadata`. */
  callbackCancelled: {
    Body: {
      stkCallback: {
        MerchantRequestID: '29115-34620561-1',
        CheckoutRequestID: 'ws_CO_191220191020363925',
        ResultCode: 1032,
        ResultDesc: 'Request cancelled by user.',
      },
    },
  },
  /** The customer did not answer. */
  callbackTimeout: {
    Body: {
      stkCallback: {
        MerchantRequestID: '8555-67195-1',
        CheckoutRequestID: 'ws_CO_27092026101010123456',
        ResultCode: 1037,
        ResultDesc: 'No response from user.',
      },
    },
  },
  /** Insufficient funds. */
  callbackInsufficientFunds: {
    Body: {
      stkCallback: {
        MerchantRequestID: '8555-67195-2',
        CheckoutRequestID: 'ws_CO_27092026101010999999',
        ResultCode: 1,
        ResultDesc: 'The balance is insufficient for the transaction.',
      },
    },
  },
  /** Query: paid. `ResultCode` is a string here. */
  querySuccess: {
    ResponseCode: '0',
    ResponseDescription: 'The service request has been accepted successsfully',
    MerchantRequestID: '22205-34066-1',
    CheckoutRequestID: 'ws_CO_13012021093521236557',
    ResultCode: '0',
    ResultDesc: 'The service request is processed successfully.',
  },
  /** Query: still processing, the HTTP 200 shape. */
  queryPending4999: {
    ResponseCode: '0',
    ResponseDescription: 'The service request has been accepted successsfully',
    MerchantRequestID: '22205-34066-1',
    CheckoutRequestID: 'ws_CO_13012021093521236557',
    ResultCode: '4999',
    ResultDesc: 'The transaction is still under processing',
  },
  /** Query: still processing, the HTTP 500 shape (send with status 500). */
  queryPending500: {
    requestId: 'ws_CO_13012021093521236557',
    errorCode: '500.001.1001',
    errorMessage: 'The transaction is being processed',
  },
  /** Query: cancelled, with the older prefixed description. */
  queryCancelled: {
    ResponseCode: '0',
    ResponseDescription: 'The service request has been accepted successsfully',
    MerchantRequestID: '22205-34066-1',
    CheckoutRequestID: 'ws_CO_13012021093521236557',
    ResultCode: '1032',
    ResultDesc: '[STK_CB - ]Request cancelled by user',
  },
  /** Query: timeout, with the query's own wording. */
  queryTimeout: {
    ResponseCode: '0',
    ResponseDescription: 'The service request has been accepted successsfully',
    MerchantRequestID: '22205-34066-2',
    CheckoutRequestID: 'ws_CO_13012021093521236558',
    ResultCode: '1037',
    ResultDesc: 'DS timeout user cannot be reached.',
  },
});
