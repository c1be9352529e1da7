import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CHIPBOUND_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.CHIPBOUND_TEST_REPORT ? { json: process.env.CHIPBOUND_TEST_REPORT } : undefined,
  },
});
