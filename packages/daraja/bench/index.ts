import { benchCallbackParsing } from './callback-parsing.js';
import { benchTokenCacheLoad } from './token-cache-load.js';

console.log('@malipo/daraja benchmarks');
await benchCallbackParsing();
await benchTokenCacheLoad();
