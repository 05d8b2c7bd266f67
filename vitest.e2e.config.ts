import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts its own server and browser; one at a time keeps the 2-core machine responsive.
    fileParallelism: false,
  },
});
