import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'checkout/index': 'src/checkout/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
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
