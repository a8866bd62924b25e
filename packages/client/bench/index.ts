import { benchBundleSize } from './bundle-size.js';
import { benchRequestOverhead } from './request-overhead.js';

console.log('@malipo/client benchmarks');
await benchBundleSize();
await benchRequestOverhead();
