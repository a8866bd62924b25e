/**
 * Callback, query, result and C2B bodies in the shapes Daraja really sends, from the Daraja docs
 * and captures published in open-source Daraja libraries and issue threads. Use them to test
 * your own handlers.
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
  /** B2C result, docs sample: success; funds as JSON numbers, the time day first. */
  b2cResultSuccess: {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: '10571-7910404-1',
      ConversationID: 'AG_20191219_00004e48cf7e3533f581',
      TransactionID: 'NLJ41HAY6Q',
      ResultParameters: {
        ResultParameter: [
          { Key: 'TransactionAmount', Value: 10 },
          { Key: 'TransactionReceipt', Value: 'NLJ41HAY6Q' },
          { Key: 'B2CRecipientIsRegisteredCustomer', Value: 'Y' },
          { Key: 'B2CChargesPaidAccountAvailableFunds', Value: -4510.0 },
          { Key: 'ReceiverPartyPublicName', Value: '254708374149 - John Doe' },
          { Key: 'TransactionCompletedDateTime', Value: '19.12.2019 11:45:50' },
          { Key: 'B2CUtilityAccountAvailableFunds', Value: 10116.0 },
          { Key: 'B2CWorkingAccountAvailableFunds', Value: 900000.0 },
        ],
      },
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
        },
      },
    },
  },
  /** B2C result, reported in an issue thread: bad initiator credentials, no parameters. */
  b2cResultInitiatorInvalid: {
    Result: {
      ResultType: 0,
      ResultCode: 2001,
      ResultDesc: 'The initiator information is invalid.',
      OriginatorConversationID: '11143-7569966-1',
      ConversationID: 'AG_20181024_000043ade8e082b13567',
      TransactionID: 'MJO61H754M',
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
        },
      },
    },
  },
  /** B2C result: the utility account cannot cover the payment. */
  b2cResultInsufficientFunds: {
    Result: {
      ResultType: 0,
      ResultCode: 1,
      ResultDesc: 'The balance is insufficient for the transaction.',
      OriginatorConversationID: '29112-34801843-1',
      ConversationID: 'AG_20191219_00006c6fddb15123addf',
      TransactionID: 'NLJ0000000',
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
        },
      },
    },
  },
  /**
   * Account balance result reported in an issue thread (production, 2020): one parameter, so
   * `ResultParameter` is a single object, not an array; fields in another order.
   */
  resultSingleParameter: {
    Result: {
      ResultDesc: 'The initiator information is invalid.',
      ConversationID: 'AG_20200625_0000650ea6a99ae1c0bb',
      TransactionID: 'OFP0000000',
      ResultParameters: { ResultParameter: { Key: 'BOCompletedTime', Value: 20200625232427 } },
      ResultCode: 2001,
      ReferenceData: {
        ReferenceItem: {
          Value: 'https://internalapi.safaricom.co.ke/mpesa/abresults/v1/submit',
          Key: 'QueueTimeoutURL',
        },
      },
      OriginatorConversationID: '13443-10746354-1',
      ResultType: 0,
    },
  },
  /** Account balance result, docs sample: `ResultType` and `ResultCode` as strings. */
  accountBalanceResult: {
    Result: {
      ResultType: '0',
      ResultCode: '0',
      ResultDesc: 'The service request is processed successfully',
      OriginatorConversationID: '16917-22577599-3',
      ConversationID: 'AG_20200206_00005e091a8ec6b9eac5',
      TransactionID: 'OA90000000',
      ResultParameters: {
        ResultParameter: [
          {
            Key: 'AccountBalance',
            Value:
              'Working Account|KES|700000.00|700000.00|0.00|0.00&Float Account|KES|0.00|0.00|0.00|0.00&Utility Account|KES|228037.00|228037.00|0.00|0.00&Charges Paid Account|KES|-1540.00|-1540.00|0.00|0.00&Organization Settlement Account|KES|0.00|0.00|0.00|0.00',
          },
          { Key: 'BOCompletedTime', Value: 20200109125710 },
        ],
      },
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/abresults/v1/submit',
        },
      },
    },
  },
  /**
   * Transaction status result in the docs sample's shape. It lists `DebitPartyName` twice (the second is the
   * credit party); items without `Value` (charges, reason) are common.
   */
  transactionStatusResult: {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: '1236-7134259-1',
      ConversationID: 'AG_20210709_1234409f86436c583e3f',
      TransactionID: 'SEI0000000',
      ResultParameters: {
        ResultParameter: [
          { Key: 'DebitPartyName', Value: '600310 - Safaricom333' },
          { Key: 'DebitPartyName', Value: '254708374149 - John Doe' },
          { Key: 'OriginatorConversationID', Value: '1236-7134259-1' },
          { Key: 'InitiatedTime', Value: 20210709093812 },
          { Key: 'DebitAccountType', Value: 'Utility Account' },
          { Key: 'DebitPartyCharges', Value: '' },
          { Key: 'TransactionReason' },
          { Key: 'ReasonType', Value: 'Business Payment to Customer via API' },
          { Key: 'TransactionStatus', Value: 'Completed' },
          { Key: 'FinalisedTime', Value: 20210709093812 },
          { Key: 'Amount', Value: 10.0 },
          { Key: 'ConversationID', Value: 'AG_20210709_1234409f86436c583e3f' },
          { Key: 'ReceiptNo', Value: 'SEI21H4JPN' },
        ],
      },
      ReferenceData: { ReferenceItem: { Key: 'Occasion' } },
    },
  },
  /**
   * Transaction status result reported in an issue thread (2025): a string `ResultCode`, and a
   * `ReferenceItem` with no `Value`.
   */
  transactionStatusInvalidParty: {
    Result: {
      ResultType: 0,
      ResultCode: 'SFC_IC0003',
      ResultDesc: 'Receiver party is invalid',
      OriginatorConversationID: '41ee-4e5a-ac1d-f88e26237e3b6251',
      ConversationID: 'AG_20251106_010010281a6ti4fj86cj',
      TransactionID: 'TK61000000',
      ReferenceData: { ReferenceItem: { Key: 'Occasion' } },
    },
  },
  /** Reversal result in the docs sample's shape: success. */
  reversalResult: {
    Result: {
      ResultType: 0,
      ResultCode: 0,
      ResultDesc: 'The service request is processed successfully.',
      OriginatorConversationID: '8521-4298025-1',
      ConversationID: 'AG_20181005_00004d7ee675c0c7ee0b',
      TransactionID: 'MJ561H6X5O',
      ResultParameters: {
        ResultParameter: [
          {
            Key: 'DebitAccountBalance',
            Value: 'Utility Account|KES|51661.00|51661.00|0.00|0.00',
          },
          { Key: 'Amount', Value: 100 },
          { Key: 'TransCompletedTime', Value: 20181005153225 },
          { Key: 'OriginalTransactionID', Value: 'MJ551H6X5D' },
          { Key: 'Charge', Value: 0 },
          { Key: 'CreditPartyPublicName', Value: '254708374149 - John Doe' },
          { Key: 'DebitPartyPublicName', Value: '601315 - Safaricom1338' },
        ],
      },
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit',
        },
      },
    },
  },
  /** Reversal result: the receipt was reversed before. */
  reversalAlreadyReversed: {
    Result: {
      ResultType: 0,
      ResultCode: 'R000001',
      ResultDesc: 'The transaction has already been reversed.',
      OriginatorConversationID: '8521-4298025-2',
      ConversationID: 'AG_20181005_00004d7ee675c0c7ee0c',
      TransactionID: 'MJ50000000',
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit',
        },
      },
    },
  },
  /**
   * What the simulator POSTs to a `QueueTimeOutURL`: the `Result` envelope with code 1037 and no
   * parameters. Daraja does not document this body; parse it like any result.
   */
  queueTimeout: {
    Result: {
      ResultType: 0,
      ResultCode: 1037,
      ResultDesc: 'The request timed out while waiting in the M-Pesa queue.',
      OriginatorConversationID: '5118-111210482-1',
      ConversationID: 'AG_20240706_2010325b025970fbc403',
      TransactionID: 'SG60000000',
      ReferenceData: {
        ReferenceItem: {
          Key: 'QueueTimeoutURL',
          Value: 'https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit',
        },
      },
    },
  },
  /** C2B v2 validation request, docs sample: masked MSISDN, blank OrgAccountBalance. */
  c2bValidation: {
    TransactionType: 'Pay Bill',
    TransID: 'RKTQDM7W6S',
    TransTime: '20191122063845',
    TransAmount: '10',
    BusinessShortCode: '600638',
    BillRefNumber: 'invoice008',
    InvoiceNumber: '',
    OrgAccountBalance: '',
    ThirdPartyTransID: '',
    MSISDN: '2547 ***** 126',
    FirstName: 'John',
    MiddleName: '',
    LastName: 'Doe',
  },
  /** C2B v2 confirmation request, docs sample: the balance after the payment. */
  c2bConfirmation: {
    TransactionType: 'Pay Bill',
    TransID: 'RKTQDM7W6S',
    TransTime: '20191122063845',
    TransAmount: '5.00',
    BusinessShortCode: '600638',
    BillRefNumber: 'invoice008',
    InvoiceNumber: '',
    OrgAccountBalance: '49197.00',
    ThirdPartyTransID: '1234567890',
    MSISDN: '2547 ***** 126',
    FirstName: 'John',
    MiddleName: '',
    LastName: 'Doe',
  },
});
