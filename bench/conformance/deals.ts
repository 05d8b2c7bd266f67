import { randomUUID } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { buildDealsFixture, takeDeposit } from '../../server/modules/deals/testing/index.js';
import { buildCustomer } from '../../server/modules/inventory/testing/index.js';
import type { Db } from '../../server/platform/db/database.js';

// 50,000 deals: a few made through the real use cases (plan → deposit asked → re-verified →
// collected), then their rows copied in bulk with new ids and times spread over a year. A deal is
// its deposit (the deal fact source's subject); each copy gets its own plan and receipt.

/** What was stored, and who may read its dashboard (the fixture's manager signs in with `testPassword`). */
export interface StoredDeals {
  count: number;
  projectId: string;
  managerUsername: string;
}

const clonedTables = ['deal_plans', 'deal_deposits', 'deal_receipts'] as const;

export async function storeDeals(
  db: Db,
  sqlite: SqliteDatabase.Database,
  count: number,
  log: (text: string) => void,
): Promise<StoredDeals> {
  const now = new Date('2025-12-01T02:00:00.000Z');
  const world = await buildDealsFixture(db, { floors: 4, perFloor: 5, unitPriceFen: 150_000_000, now });
  const templates = Math.min(10, world.fx.unitIds.length);
  for (let index = 0; index < templates; index++) {
    const customerId = await buildCustomer(db, world.fx.org, {
      projectId: world.fx.org.salesProjectId,
      ownerStaffId: world.fx.consultant.staffId,
      name: `客户${index}`,
    });
    await takeDeposit(db, world, {
      unitId: world.fx.unitIds[index],
      customerId,
      amountFen: 5_000_000,
      now: new Date(now.getTime() + index * 3_600_000),
    });
  }
  const rows = Object.fromEntries(
    clonedTables.map((table) => [
      table,
      sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[],
    ]),
  ) as Record<(typeof clonedTables)[number], Record<string, unknown>[]>;
  const deposits = rows.deal_deposits;
  if (deposits.length === 0) throw new Error('no template deposit was recorded');
  const inserts = Object.fromEntries(
    clonedTables.map((table) => {
      const columns = Object.keys(rows[table][0] ?? { id: '' });
      return [
        table,
        {
          columns,
          statement: sqlite.prepare(
            `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          ),
        },
      ];
    }),
  );
  const shift = (value: unknown, ms: number) =>
    typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)
      ? new Date(Date.parse(value) + ms).toISOString()
      : value;
  const copy = (
    table: (typeof clonedTables)[number],
    row: Record<string, unknown>,
    ids: Map<string, string>,
    ms: number,
    n: number,
  ) => {
    const { columns, statement } = inserts[table];
    statement.run(
      ...columns.map((column) => {
        const value = row[column];
        if (typeof value === 'string' && ids.has(value)) return ids.get(value);
        // Receipt numbers are unique per project.
        if (column === 'number' && typeof value === 'number') return value + (n + 1) * 1000;
        return column.endsWith('_at') ? shift(value, ms) : value;
      }),
    );
  };
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const deposit = deposits[n % deposits.length];
      const ms = Math.floor((n / count) * 365) * 86_400_000;
      const ids = new Map<string, string>([[String(deposit.id), randomUUID()]]);
      const plan = rows.deal_plans.find((candidate) => candidate.id === deposit.plan_id);
      if (plan) ids.set(String(plan.id), randomUUID());
      const receipts = rows.deal_receipts.filter((receipt) => receipt.deposit_id === deposit.id);
      for (const receipt of receipts) ids.set(String(receipt.id), randomUUID());
      if (plan) copy('deal_plans', plan, ids, ms, n);
      copy('deal_deposits', deposit, ids, ms, n);
      for (const receipt of receipts) copy('deal_receipts', receipt, ids, ms, n);
    }
  });
  const chunk = 5_000;
  for (let from = deposits.length; from < count; from += chunk) {
    batch(from, Math.min(count, from + chunk));
    if (from % 25_000 < chunk) log(`  ${Math.min(count, from + chunk)} deals stored`);
  }
  const stored = (sqlite.prepare('SELECT count(*) AS n FROM deal_deposits').get() as { n: number }).n;
  return {
    count: stored,
    projectId: world.fx.org.salesProjectId,
    managerUsername: world.fx.manager.username,
  };
}
