/**
 * The walls between modules (see ARCHITECTURE.md, "Module walls"), checked by `npm run lint`.
 * A rule here is an error: the lint fails on any violation.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules together so that neither can change alone (type-only imports aside).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'module-through-index',
      severity: 'error',
      comment: "A server module is reached only through its index.ts: its files are its own business.",
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$', '^server/modules/[^/]+/testing/index\\.ts$'],
      },
    },
    {
      name: 'outside-through-index',
      severity: 'error',
      comment: 'Code outside the modules (app, demo, scripts, tests) reaches a module through its index.ts too.',
      from: { pathNot: ['^server/modules/'] },
      to: {
        path: '^server/modules/[^/]+/',
        pathNot: ['^server/modules/[^/]+/index\\.ts$', '^server/modules/[^/]+/testing/index\\.ts$'],
      },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'The platform serves every module and knows none: the database type is assembled in server/database.ts.',
      from: { path: '^server/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/modules/', '^server/(app|database|main|config)\\.ts$', '^server/testing/'] },
    },
    {
      name: 'web-imports-no-server',
      severity: 'error',
      comment: 'The browser bundle shares types with the server through contracts/ only.',
      from: { path: '^web/' },
      to: { path: ['^server/', '^bench/', '^scripts/'] },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'contracts/ is shared by server and web: it imports neither.',
      from: { path: '^contracts/' },
      to: { path: ['^server/', '^web/', '^e2e/', '^bench/', '^scripts/'] },
    },
    {
      name: 'web-module-through-index',
      severity: 'error',
      comment: 'A web module uses another only through its index.ts (shared parts belong in web/app).',
      from: { path: '^web/modules/([^/]+)/' },
      to: {
        path: '^web/modules/[^/]+/',
        pathNot: ['^web/modules/$1/', '^web/modules/[^/]+/index\\.tsx?$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
