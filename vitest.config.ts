import { defineConfig } from 'vitest/config';

const include = [
  'server/**/*.test.ts',
  'e2e/**/*.test.ts',
  'contracts/**/*.test.ts',
  'scripts/**/*.test.ts',
  'web/**/*.test.ts',
  'web/**/*.test.tsx',
];

// Files that need a module graph of their own. The notification tests deliver to customers that
// only they know: a customer module loaded by an earlier file would register its contact resolver
// (customers.notify.ts) and look those customers up in its own table.
const isolated = ['server/modules/notify/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only queue on the database and the CPU.
    maxWorkers: 2,
    // Every answer is also checked against its zod schema (platform/http/serialization.ts).
    env: { YINGKE_CHECK_RESPONSES: '1' },
    projects: [
      {
        extends: true,
        // Every test file makes its own database and app, so the module graph can be shared: a
        // worker imports the server once instead of once per file, which halves the suite's CPU.
        test: { name: 'shared', include, exclude: isolated, isolate: false },
      },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
