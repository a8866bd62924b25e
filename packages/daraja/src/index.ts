/**
 * `@malipo/daraja` — Safaricom Daraja (M-Pesa) for every JavaScript runtime: a cached,
 * single-flight OAuth token; Kenyan-time timestamps and STK passwords; STK push with input
 * checks; STK query where "still processing" is `pending`; B2C payouts, reversals, transaction
 * status and account balance queries with their asynchronous results; C2B URL registration and
 * requests; tolerant parsing of everything Daraja posts, with money in integer cents; a result
 * code catalogue; typed errors for every body Daraja sends; and a callback source-IP allowlist.
 * No `node:` imports and no `Buffer`: it runs on Node ≥ 22, Bun, Deno, Workers and browsers
 * (the SecurityCredential, which needs RSA PKCS#1 v1.5, is made by the Node-only
 * `@malipo/daraja/security-credential`).
 *
 * @module @malipo/daraja
 * @mergeModuleWith <project>
 */

export { type C2bRequest, parseC2bRequest } from './c2b/c2b-request.js';
export type { C2bRegistration, RegisterC2bUrlsInput } from './c2b/register-urls.js';
export {
  acceptC2bValidation,
  acknowledgeC2bConfirmation,
  type C2bRejectionCode,
  rejectC2bValidation,
} from './c2b/responses.js';
export { acknowledgeStkCallback, stkCallbackAcknowledgement } from './callbacks/acknowledgement.js';
export {
  parseStkCallback,
  type StkCallback,
  type StkCallbackCompleted,
  type StkCallbackUnsuccessful,
} from './callbacks/stk-callback.js';
export { createDaraja, type Daraja } from './client.js';
export type { DarajaEnvironment, DarajaOptions } from './config/options.js';
export {
  DarajaApiError,
  type DarajaApiErrorDetails,
  DarajaAuthError,
  type DarajaErrorBodyKind,
  DarajaNetworkError,
  DarajaResponseError,
  invalidTokenErrorCodes,
  isDarajaApiError,
  isDarajaNetworkError,
} from './errors/api-errors.js';
export { DarajaError, type DarajaErrorCode, isDarajaError } from './errors/daraja-error.js';
export {
  DarajaCallbackError,
  DarajaConfigError,
  DarajaValidationError,
  isDarajaCallbackError,
  isDarajaValidationError,
} from './errors/field-errors.js';
export type { AsyncRequestAccepted } from './initiator-apis/accepted.js';
export type { AccountBalanceInput } from './initiator-apis/account-balance.js';
export type { B2cPaymentInput } from './initiator-apis/b2c-payment.js';
export type { ResultUrlsInput } from './initiator-apis/common.js';
export type { ReversalInput } from './initiator-apis/reversal.js';
export type { TransactionStatusInput } from './initiator-apis/transaction-status.js';
export {
  createIpAllowlist,
  type IpAllowlist,
  type IpAllowlistOptions,
  type IpCheck,
} from './ip/allowlist.js';
export { safaricomCallbackIps } from './ip/safaricom-ips.js';
export { normalizePhone } from './phone/normalize-phone.js';
export {
  describeResultCode,
  listResultCodes,
  type ResultCategory,
  type ResultCodeApi,
  type ResultCodeInfo,
  type StkStatus,
} from './result-codes/catalogue.js';
export {
  type AccountBalanceEntry,
  type AccountBalanceResultDetails,
  readAccountBalanceResult,
} from './results/account-balance-result.js';
export { acknowledgeResult, resultAcknowledgement } from './results/acknowledgement.js';
export { type B2cResultDetails, readB2cResult } from './results/b2c-result.js';
export { type DarajaResult, parseDarajaResult } from './results/parse-result.js';
export { type ReversalResultDetails, readReversalResult } from './results/reversal-result.js';
export {
  readTransactionStatusResult,
  type TransactionStatusResultDetails,
} from './results/transaction-status-result.js';
export type { PollStkOptions } from './stk/poll.js';
export type { StkPushResult } from './stk/push.js';
export type { StkPushInput } from './stk/push-input.js';
export type { StkQueryFields, StkQueryInput, StkQueryResult } from './stk/query.js';
export { stkPassword } from './time/password.js';
export { darajaTimestamp, darajaTimeToIso } from './time/timestamp.js';
export { type CachedToken, createMemoryTokenStore, type TokenStore } from './token/token-store.js';
