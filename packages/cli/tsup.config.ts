import { defineConfig } from 'tsup';

const shared = {
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
} as const;

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'], clean: true },
  // The executable: ESM only, no types (nothing imports it); tsup keeps its #! line.
  { ...shared, entry: { bin: 'src/bin.ts' }, format: ['esm'], dts: false },
]);
