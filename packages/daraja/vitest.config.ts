import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'daraja',
    include: ['test/**/*.test.ts'],
  },
});
