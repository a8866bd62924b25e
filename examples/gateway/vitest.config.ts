import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-gateway',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Also when run from this folder: finds or starts PostgreSQL (the root config does the same).
    globalSetup: ['../../scripts/test-support/postgres.ts'],
  },
});
