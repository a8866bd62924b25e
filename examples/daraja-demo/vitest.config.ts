import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'example-daraja-demo', include: ['test/**/*.test.ts'] },
});
