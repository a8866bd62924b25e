/**
 * @module
 * `@malipo/daraja` — Safaricom Daraja (M-Pesa) for every JavaScript runtime: a cached,
 * single-flight OAuth token; Kenyan-time timestamps and STK passwords; STK push with input
 * checks; STK query where "still processing" is `pending`; tolerant callback parsing; a result
 * code catalogue; typed errors for every body Daraja sends; and a callback source-IP allowlist.
 * No `node:` imports and no `Buffer`: it runs on Node ≥ 22, Bun, Deno, Workers and browsers.
 */
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
  type ResultCodeInfo,
  type StkStatus,
} from './result-codes/catalogue.js';
export type { PollStkOptions } from './stk/poll.js';
export type { StkPushResult } from './stk/push.js';
export type { StkPushInput } from './stk/push-input.js';
export type { StkQueryInput, StkQueryResult } from './stk/query.js';
export { stkPassword } from './time/password.js';
export { darajaTimestamp, darajaTimeToIso } from './time/timestamp.js';
export { type CachedToken, createMemoryTokenStore, type TokenStore } from './token/token-store.js';
