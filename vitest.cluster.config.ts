import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['cluster/**/*.cluster.ts'],
    // Loads the demo office once into a template database that every file's cluster copies.
    globalSetup: ['cluster/global-setup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own database, instances and nginx: one at a time on the 2-core machine.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
