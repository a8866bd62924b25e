/**
 * What a result code means for the merchant:
 * - `success`: the customer paid.
 * - `pending`: not finished yet (STK query only); ask again later.
 * - `cancelled`: the customer declined the prompt.
 * - `expired`: the prompt timed out or the request expired.
 * - `customer_failure`: the customer's side failed (funds, PIN, limits).
 * - `retryable`: a passing condition; the same request may succeed if made again later.
 * - `merchant_configuration`: the merchant's setup is wrong (till vs paybill, credentials); fix before retrying.
 * - `invalid_request`: this request cannot succeed as made (already reversed, unknown
 *   transaction, duplicate); do not send it again unchanged.
 * - `unknown`: a code not in the catalogue; treated as a failure.
 */
export type ResultCategory =
  | 'success'
  | 'pending'
  | 'cancelled'
  | 'expired'
  | 'customer_failure'
  | 'retryable'
  | 'merchant_configuration'
  | 'invalid_request'
  | 'unknown';

/**
 * Which API a result code came from. The same number means different things: `1` is the
 * customer's empty M-Pesa account on an STK push but the merchant's empty B2C account on a
 * payout; `2001` is a wrong PIN on STK but bad initiator credentials on the initiator APIs.
 * - `stk`: STK push callbacks and STK queries.
 * - `initiator`: results of B2C payments, reversals, transaction status and account balance
 *   queries (and their queue timeouts).
 */
export type ResultCodeApi = 'stk' | 'initiator';

/** Outcome of an STK request, as stored by a payment system. */
export type StkStatus = 'pending' | 'completed' | 'failed' | 'cancelled' | 'expired';

/** A catalogue entry for one Daraja result code. */
export interface ResultCodeInfo {
  /** The code as a string (`ResultCode` is a number in callbacks and a string in queries). */
  code: string;
  category: ResultCategory;
  /** The status a payment takes for this code. */
  status: StkStatus;
  /** What the code means, for logs and merchants. */
  description: string;
  /** A message that can be shown to the paying customer as is. */
  customerMessage: string;
}

export type Entry = [category: ResultCategory, description: string, customerMessage: string];

const tryAgain = 'Please try again.';
const contactMerchant = 'The payment could not be started. Please contact the merchant.';

// Sources: Daraja M-Pesa Express docs, the result-code table in the Daraja integration guide,
// and codes observed in sandbox responses and reported by open-source Daraja libraries and their
// issue trackers. Classification is by code only: Daraja uses different ResultDesc texts for the
// same code on query and callback.
export const stkEntries: Record<string, Entry> = {
  '0': [
    'success',
    'The service request is processed successfully.',
    'Payment received. Thank you.',
  ],
  '4999': [
    'pending',
    'The transaction is still under processing.',
    'Waiting for you to complete the payment on your phone.',
  ],
  '1': [
    'customer_failure',
    'The balance is insufficient for the transaction.',
    'Insufficient funds in your M-Pesa account.',
  ],
  '2': [
    'merchant_configuration',
    'Declined: amount below the M-Pesa minimum.',
    'The amount is below the M-Pesa minimum.',
  ],
  '3': [
    'customer_failure',
    'Declined: amount above the maximum per transaction.',
    'The amount is above the M-Pesa limit per transaction.',
  ],
  '4': [
    'customer_failure',
    'Declined: the payment would exceed the daily transfer limit.',
    'This payment would exceed your daily M-Pesa limit.',
  ],
  '8': [
    'merchant_configuration',
    'Declined: the receiving account would exceed its maximum balance.',
    contactMerchant,
  ],
  '17': [
    'retryable',
    'Rule limited: the same amount to the same customer within two minutes.',
    'A similar payment was just made. Please wait two minutes and try again.',
  ],
  '26': [
    'retryable',
    'System busy. The service request is rejected.',
    `M-Pesa is busy. ${tryAgain}`,
  ],
  '1001': [
    'retryable',
    'Unable to lock subscriber: a transaction is already in process.',
    'Another M-Pesa request is open on your phone. Complete or cancel it, then try again.',
  ],
  '1019': ['expired', 'The transaction has expired.', `The payment request expired. ${tryAgain}`],
  '1025': [
    'retryable',
    'An error occurred while sending the push request.',
    `M-Pesa could not send the payment prompt. ${tryAgain}`,
  ],
  '1031': ['cancelled', 'Request cancelled by user.', 'You cancelled the payment.'],
  '1032': ['cancelled', 'Request cancelled by user.', 'You cancelled the payment.'],
  '1036': [
    'retryable',
    'SMSC ACK timeout: the prompt did not reach the phone.',
    'The payment prompt did not reach your phone. Please try again; an old SIM card may need replacing.',
  ],
  '1037': [
    'expired',
    'DS timeout: the user cannot be reached or did not respond.',
    'No response from your phone. Please try again and enter your M-Pesa PIN when prompted.',
  ],
  '1101': [
    'merchant_configuration',
    'Invalid prompt message prefix: the account name is too long.',
    contactMerchant,
  ],
  '2001': [
    'customer_failure',
    'The initiator information is invalid (wrong PIN).',
    'Wrong M-Pesa PIN entered.',
  ],
  '2028': [
    'merchant_configuration',
    'Not permitted according to product assignment (TransactionType or PartyB wrong).',
    contactMerchant,
  ],
  '8006': ['merchant_configuration', 'The security credential is locked.', contactMerchant],
  '9999': [
    'retryable',
    'An error occurred while sending the push request.',
    `M-Pesa could not send the payment prompt. ${tryAgain}`,
  ],
  SFC_IC0003: [
    'merchant_configuration',
    'The operator does not exist (TransactionType or PartyB wrong).',
    contactMerchant,
  ],
  E3008: [
    'customer_failure',
    'The user has a bad debt contract.',
    'M-Pesa declined this payment for your account.',
  ],
};

const statusByCategory: Record<ResultCategory, StkStatus> = {
  success: 'completed',
  pending: 'pending',
  cancelled: 'cancelled',
  expired: 'expired',
  customer_failure: 'failed',
  retryable: 'failed',
  merchant_configuration: 'failed',
  invalid_request: 'failed',
  unknown: 'failed',
};

/** Looks `code` up in `table`; unknown codes are `unknown` and `failed`, never thrown. */
export function lookUp(table: Record<string, Entry>, code: string | number): ResultCodeInfo {
  const key = String(code).trim();
  // Own keys only: a code such as "constructor" or "__proto__" is unknown, not Object's own.
  const entry = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!entry) {
    return {
      code: key,
      category: 'unknown',
      status: 'failed',
      description: `Unknown result code ${key}.`,
      customerMessage: `The payment failed. ${tryAgain}`,
    };
  }
  const [category, description, customerMessage] = entry;
  return { code: key, category, status: statusByCategory[category], description, customerMessage };
}

/** The STK catalogue alone, so STK callback parsing does not carry the initiator codes. */
export function describeStkCode(code: string | number): ResultCodeInfo {
  return lookUp(stkEntries, code);
}
