/**
 * @module
 * The adapter contract: one vitest suite every framework adapter runs against a real instance
 * of its framework on a loopback port, so all five behave the same.
 */
export {
  type AdapterHarness,
  type AdapterServer,
  describeAdapterContract,
  type MountOptions,
} from './contract.js';
