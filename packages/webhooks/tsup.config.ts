import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    adapter: 'src/adapter.ts',
    daraja: 'src/daraja.ts',
    'adapter.node': 'src/adapter.node.ts',
    'stores/durable-object': 'src/stores/durable-object.ts',
    'stores/postgres': 'src/stores/postgres.ts',
    'stores/redis': 'src/stores/redis.ts',
    'testing/index': 'src/testing/index.ts',
    verify: 'src/verify.ts',
    'verify.node': 'src/verify.node.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['node:crypto'],
  treeshake: true,
});
