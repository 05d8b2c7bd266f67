import { defineConfig } from 'vitest/config';

const include = [
  'server/**/*.test.ts',
  'e2e/**/*.test.ts',
  'contracts/**/*.test.ts',
  'scripts/**/*.test.ts',
  'web/**/*.test.ts',
  'web/**/*.test.tsx',
];

// Files that need a process state of their own:
// - the notification tests deliver to customers only they know; a customer module loaded by an
//   earlier file would register its contact resolver (customers.notify.ts) and find no such customer;
// - the server-zone test switches the process's TZ, which an earlier file's dates would have fixed;
// - the backup drill reads the key from the environment, which the deals tests set at load.
const isolated = [
  'server/modules/notify/**/*.test.ts',
  'server/server-zone.test.ts',
  'server/platform/ops/**/*.test.ts',
];

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
