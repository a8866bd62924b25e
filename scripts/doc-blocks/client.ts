// The client a block continues with, set up as in the client README's "Take a payment", put in
// front of a block by `<!-- doc-check: prelude client -->`. See scripts/check-doc-blocks.mjs.
import { Malipo } from '@malipo/client';

// biome-ignore lint/correctness/noUnusedVariables: the blocks this prelude goes in front of use it
const malipo = new Malipo({
  apiKey: process.env.MALIPO_API_KEY ?? '',
  apiSecret: process.env.MALIPO_API_SECRET ?? '',
  baseUrl: 'http://127.0.0.1:8000',
});
