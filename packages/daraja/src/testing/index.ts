/**
 * @module
 * `@malipo/daraja/testing` — test your M-Pesa integration without Safaricom: a Daraja
 * simulator (OAuth, STK push and query with pending, errors, test phone numbers, callbacks
 * posted to your URL), msw handlers that put it behind the sandbox URL, callback builders and
 * captured real payloads.
 */
export {
  buildStkCallback,
  type StkCallbackBody,
  type StkCallbackSpec,
} from './callback-builders.js';
export { capturedPayloads } from './captured-payloads.js';
export { darajaHandlers } from './msw-handlers.js';
export { sandbox } from './sandbox.js';
export {
  type CallbackDelivery,
  createDarajaSimulator,
  type DarajaSimulator,
  type DarajaSimulatorOptions,
  type SimulatedFault,
  type SimulatedTransaction,
  type SimulatorStats,
} from './simulator/create-simulator.js';
export { defaultOutcomes, type SimulatedOutcome } from './simulator/outcomes.js';
