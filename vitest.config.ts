import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // Once per run for every project: finds or starts the PostgreSQL the suites use (PG_TEST_URL).
    globalSetup: ['./scripts/test-support/postgres.ts'],
  },
});
