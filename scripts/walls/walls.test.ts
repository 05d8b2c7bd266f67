import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findForeignTableUses, listSourceFiles, readTableOwners } from './module-tables.js';
import { findLongFiles, maxSourceLines, sourceFolders } from './source-size.js';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: unknown[] };

/** A small tree with one import of each kind the walls forbid, and the allowed ones beside them. */
const tree: Record<string, string> = {
  'server/modules/billing/index.ts': "export { bill } from './billing.service.js';\n",
  'server/modules/billing/billing.service.ts': 'export const bill = 1;\n',
  'server/modules/billing/billing.queries.ts': 'export const rows = 1;\n',
  'server/modules/orders/index.ts': "export { order } from './orders.service.js';\n",
  // allowed: another module through its index; its own files
  'server/modules/orders/orders.service.ts':
    "import { bill } from '../billing/index.js';\nimport { local } from './orders.rules.js';\nexport const order = bill + local;\n",
  'server/modules/orders/orders.rules.ts': 'export const local = 2;\n',
  // forbidden: another module's internals
  'server/modules/orders/orders.report.ts':
    "import { rows } from '../billing/billing.queries.js';\nexport const report = rows;\n",
  // forbidden: the platform knowing a module
  'server/platform/db/schema.ts':
    "import { order } from '../../modules/orders/index.js';\nexport const schema = order;\n",
  // forbidden: the browser importing server code
  'web/app/page.ts':
    "import { bill } from '../../server/modules/billing/index.js';\nexport const page = bill;\n",
  // forbidden: a cycle of values
  'web/app/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
  'web/app/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
};

describe('the module walls (npm run lint)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-walls-'));
    for (const [file, text] of Object.entries(tree)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('dependency-cruiser reports each forbidden import and nothing else', async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      const result = await cruise(['server', 'web'], {
        ruleSet: { forbidden: config.forbidden } as never,
        validate: true,
        tsPreCompilationDeps: true,
      });
      const output = result.output as {
        summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> };
      };
      const found = output.summary.violations.map(
        (violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`,
      );
      expect(found.sort()).toEqual(
        [
          'module-through-index: server/modules/orders/orders.report.ts → server/modules/billing/billing.queries.ts',
          'platform-knows-no-module: server/platform/db/schema.ts → server/modules/orders/index.ts',
          'web-imports-no-server: web/app/page.ts → server/modules/billing/index.ts',
          'no-circular: web/app/a.ts → web/app/b.ts',
        ].sort(),
      );
    } finally {
      process.chdir(previous);
    }
  });

  it('the table check reports a module that reads or writes another module’s table', () => {
    const files = [
      {
        file: 'server/modules/billing/billing.tables.ts',
        text: 'export interface BillingTables {\n  invoices: X;\n  invoiceLines: Y;\n}\n',
      },
      {
        file: 'server/modules/orders/orders.tables.ts',
        text: 'export interface OrdersTables {\n  orders: Z;\n}\n',
      },
      {
        file: 'server/modules/orders/orders.queries.ts',
        text: [
          "db.selectFrom('orders').innerJoin('invoices', 'invoices.orderId', 'orders.id')",
          "db.updateTable('orders')",
          'sql`delete from invoice_lines where order_id = 1`',
        ].join('\n'),
      },
      { file: 'server/modules/orders/orders.test.ts', text: "db.insertInto('invoices')" },
    ];
    const uses = findForeignTableUses(files, readTableOwners(files));
    expect(uses.map((use) => `${use.file}:${use.line} ${use.table} (${use.owner})`)).toEqual([
      'server/modules/orders/orders.queries.ts:1 invoices (modules/billing)',
      'server/modules/orders/orders.queries.ts:3 invoice_lines (modules/billing)',
    ]);
  });
});

describe('the shape of this codebase', () => {
  const root = path.resolve(import.meta.dirname, '../..');

  it(`has no source file over ${maxSourceLines} lines (migrations excepted)`, () => {
    expect(findLongFiles(root, sourceFolders)).toEqual([]);
  });

  it('has no module naming another module’s table', () => {
    const files = listSourceFiles(root, 'server');
    expect(findForeignTableUses(files, readTableOwners(files))).toEqual([]);
  });
});
