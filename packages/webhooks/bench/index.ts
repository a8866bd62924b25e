import { benchBundleSize } from './bundle-size.js';
import { benchVerifyThroughput } from './verify-throughput.js';

console.log('@malipo/webhooks benchmarks');
await benchVerifyThroughput();
await benchBundleSize();
