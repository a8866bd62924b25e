/**
 * `@malipo/daraja/testing` — test your M-Pesa integration without Safaricom: a Daraja
 * simulator (OAuth, STK push and query with pending, B2C payouts, reversals, transaction status,
 * account balance, C2B registration and simulation, errors, test phone numbers, callbacks and
 * results posted to your URLs), callback builders and captured real payloads. Needs no msw; the
 * msw handlers live in `@malipo/daraja/testing/msw`.
 *
 * @module @malipo/daraja/testing
 */
export {
  buildStkCallback,
  type StkCallbackBody,
  type StkCallbackSpec,
} from './callback-builders.js';
export { capturedPayloads } from './captured-payloads.js';
export { sandbox } from './sandbox.js';
export {
  type CallbackDelivery,
  createDarajaSimulator,
  type DarajaSimulator,
  type DarajaSimulatorOptions,
  type SimulatedAsyncRequest,
  type SimulatedC2bPayment,
  type SimulatedFault,
  type SimulatedTransaction,
  type SimulatorStats,
} from './simulator/create-simulator.js';
export { defaultOutcomes, type SimulatedOutcome } from './simulator/outcomes.js';
