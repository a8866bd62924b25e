import { type Entry, lookUp, type ResultCodeInfo } from './stk-codes.js';

const paymentFailed = 'The transaction could not be completed. Please contact the merchant.';

// Sources: the Daraja B2C, Reversal, Transaction Status and Account Balance docs (result codes and
// the API-level ApiResult codes), and results reported in open-source Daraja libraries' issue
// threads. 2032 is the answer M-Pesa gives a status query for a receipt it does not know.
export const initiatorEntries: Record<string, Entry> = {
  '0': [
    'success',
    'The service request is processed successfully.',
    'The transaction was completed.',
  ],
  '1': [
    'merchant_configuration',
    'The balance is insufficient for the transaction. For a B2C payment, top up the B2C utility account (move funds into it from the working account).',
    paymentFailed,
  ],
  '2': [
    'merchant_configuration',
    'Declined: the amount is below the minimum for this transaction (KES 10 for B2C).',
    paymentFailed,
  ],
  '3': [
    'merchant_configuration',
    'Declined: the amount is above the maximum per transaction.',
    paymentFailed,
  ],
  '4': [
    'customer_failure',
    'Declined: the transaction would exceed the daily transfer limit.',
    'This payment would exceed the daily M-Pesa limit of the receiving account.',
  ],
  '8': [
    'customer_failure',
    'Declined: the receiving M-Pesa account would exceed its maximum balance.',
    'This payment would take your M-Pesa account over its maximum balance.',
  ],
  '11': [
    'merchant_configuration',
    'The debit party is in an invalid state: the shortcode is not active or not set up for this API.',
    paymentFailed,
  ],
  '15': ['invalid_request', 'Duplicate request detected.', paymentFailed],
  '17': [
    'retryable',
    'Internal failure at M-Pesa.',
    'M-Pesa could not complete the transaction. Please try again later.',
  ],
  '18': [
    'merchant_configuration',
    'Initiator credential check failure: the SecurityCredential does not match the initiator password.',
    paymentFailed,
  ],
  '20': [
    'merchant_configuration',
    'Unresolved initiator: no initiator of that name on the shortcode.',
    paymentFailed,
  ],
  '21': [
    'merchant_configuration',
    'The initiator is not allowed to initiate this request (a role or permission is missing).',
    paymentFailed,
  ],
  '22': [
    'merchant_configuration',
    'Permission failure: the initiator may not act on this party.',
    paymentFailed,
  ],
  '24': ['merchant_configuration', 'Missing mandatory fields in the request.', paymentFailed],
  '25': ['invalid_request', 'Invalid parameters in the request.', paymentFailed],
  '26': [
    'retryable',
    'Traffic blocking condition in place: the system is too busy.',
    'M-Pesa is busy. Please try again later.',
  ],
  '29': [
    'merchant_configuration',
    'Invalid command: the CommandID is not valid for this API or shortcode.',
    paymentFailed,
  ],
  '1037': [
    'expired',
    'Queue timeout: the request waited too long in the M-Pesa queue and was not processed. Confirm with a transaction status query before sending it again.',
    'M-Pesa did not process the transaction in time. Please try again later.',
  ],
  '2001': [
    'merchant_configuration',
    'The initiator information is invalid. Check the initiator name and password, that the SecurityCredential was made with the certificate of the same environment (sandbox or production), and that the initiator password has not expired (it lasts 90 days).',
    paymentFailed,
  ],
  '2006': [
    'customer_failure',
    'Declined due to account rule: the account status does not allow this transaction.',
    'M-Pesa declined this transaction for the account.',
  ],
  '2028': [
    'merchant_configuration',
    'The request is not permitted according to product assignment (the shortcode lacks this product, or the CommandID does not fit it).',
    paymentFailed,
  ],
  '2032': [
    'invalid_request',
    'The transaction receipt number does not exist.',
    'No such M-Pesa transaction was found.',
  ],
  '2040': [
    'customer_failure',
    'The credit party customer type is not supported: the number cannot receive this payment (not a registered M-Pesa customer).',
    'This number cannot receive M-Pesa payments. Check that it is registered for M-Pesa.',
  ],
  '8006': [
    'merchant_configuration',
    'The security credential is locked after failed attempts: wait for the lock to lift or ask Safaricom to unlock the initiator.',
    paymentFailed,
  ],
  SFC_IC0003: [
    'merchant_configuration',
    'The operator does not exist: the receiver party or its identifier type is invalid.',
    paymentFailed,
  ],
  R000001: [
    'invalid_request',
    'The transaction has already been reversed.',
    'This payment has already been refunded.',
  ],
  R000002: [
    'invalid_request',
    'The original transaction ID is invalid: no such transaction on this shortcode.',
    paymentFailed,
  ],
};

/** The initiator APIs' catalogue alone (B2C, reversal, transaction status, account balance). */
export function describeInitiatorCode(code: string | number): ResultCodeInfo {
  return lookUp(initiatorEntries, code);
}
