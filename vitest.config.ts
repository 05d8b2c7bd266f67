import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'e2e/**/*.test.ts',
      'contracts/**/*.test.ts',
      'scripts/**/*.test.ts',
      'web/**/*.test.ts',
      'web/**/*.test.tsx',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only queue on the database and the CPU.
    maxWorkers: 2,
    // Every answer is also checked against its zod schema (platform/http/serialization.ts).
    env: { YINGKE_CHECK_RESPONSES: '1' },
  },
});
