import { DarajaValidationError } from '../errors/field-errors.js';

/**
 * Codes a validation answer may reject a C2B payment with: C2B00011 invalid MSISDN, C2B00012
 * invalid account number, C2B00013 invalid amount, C2B00014 invalid KYC details, C2B00015
 * invalid shortcode, C2B00016 other error.
 */
export type C2bRejectionCode =
  | 'C2B00011'
  | 'C2B00012'
  | 'C2B00013'
  | 'C2B00014'
  | 'C2B00015'
  | 'C2B00016';

const rejectionCodes: readonly string[] = [
  'C2B00011',
  'C2B00012',
  'C2B00013',
  'C2B00014',
  'C2B00015',
  'C2B00016',
];

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

/**
 * Accepts a C2B payment at the validation URL: HTTP 200 `{"ResultCode":"0","ResultDesc":"Accepted"}`.
 * `thirdPartyTransId`, if given, comes back in the confirmation as `ThirdPartyTransID`.
 */
export function acceptC2bValidation(thirdPartyTransId?: string): Response {
  return json({
    ResultCode: '0',
    ResultDesc: 'Accepted',
    ...(thirdPartyTransId === undefined ? {} : { ThirdPartyTransID: thirdPartyTransId }),
  });
}

/**
 * Refuses a C2B payment at the validation URL: HTTP 200 `{"ResultCode":"C2B00012","ResultDesc":"Rejected"}`.
 * The customer's money is not taken.
 */
export function rejectC2bValidation(code: C2bRejectionCode): Response {
  if (!rejectionCodes.includes(code)) {
    throw new DarajaValidationError(
      'code',
      `expected one of ${rejectionCodes.join(', ')} (C2B00016 is "other error").`,
    );
  }
  return json({ ResultCode: code, ResultDesc: 'Rejected' });
}

/** Acknowledges a C2B confirmation: HTTP 200 `{"ResultCode":0,"ResultDesc":"Success"}`. */
export function acknowledgeC2bConfirmation(): Response {
  return json({ ResultCode: 0, ResultDesc: 'Success' });
}
