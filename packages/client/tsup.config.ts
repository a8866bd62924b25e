import { defineConfig } from 'tsup';

const shared = {
  entry: {
    index: 'src/index.ts',
    'checkout/index': 'src/checkout/index.ts',
    'webhooks/index': 'src/webhooks/index.ts',
  },
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
} as const;

export default defineConfig([
  { ...shared, format: ['esm'], clean: true },
  {
    ...shared,
    format: ['cjs'],
    // ky is ESM only: `require('ky')` gives its namespace, whose `default` esbuild's interop
    // reads wrongly (`ky.default.create is not a function`). The CommonJS build carries its own.
    noExternal: ['ky'],
  },
  {
    // Standalone <script> build of the checkout embed: window.MalipoCheckout.
    entry: { 'checkout.global': 'src/checkout/index.ts' },
    format: ['iife'],
    globalName: 'MalipoCheckout',
    minify: true,
    target: 'es2020',
    platform: 'browser',
    outExtension: () => ({ js: '.js' }),
  },
]);
