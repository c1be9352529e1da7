import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Generous: a shared 2-core CI machine can run a search 5-10x slower than a quiet one. Tests
    // assert results, never times (issue #14); these only catch a real hang.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Tests run the CLI from the TypeScript sources (bin/chipbound.js through tsx), so no build is needed;
    // the compiled package is checked by scripts/pack-check.sh (.ci/run).
    env: { CHIPBOUND_SRC: '1' },
    reporters: process.env.CHIPBOUND_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.CHIPBOUND_TEST_REPORT ? { json: process.env.CHIPBOUND_TEST_REPORT } : undefined,
  },
});
