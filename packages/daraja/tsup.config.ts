import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'security-credential/node': 'src/security-credential/node.ts',
    'security-credential/default': 'src/security-credential/default.ts',
    'testing/index': 'src/testing/index.ts',
    'testing/msw/index': 'src/testing/msw/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
});
