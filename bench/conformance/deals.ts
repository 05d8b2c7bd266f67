import { randomUUID } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import {
  buildDealsFixture,
  type DealsFixture,
  deals,
  openTransactionFile,
  payDownPayment,
  takeDeposit,
} from '../../server/modules/deals/testing/index.js';
import { buildCustomer } from '../../server/modules/inventory/testing/index.js';
import type { Db } from '../../server/platform/db/database.js';

// 50,000 deals: ten made through the real use cases, then their rows copied in bulk with new ids
// and times spread over a year. A deal is its deposit (the deal fact source's subject); each copy
// gets its own rows of every step the template reached. The templates walk as a sales office's
// deals do: four stop at the deposit (plan → asked → re-verified → collected), two at an approved
// agreement (an open transaction file), two at a signed contract, two with the down payment
// paid — so the dashboard's later funnel stages and the later checks have data in the timed run.

/** What was stored, and who may read its dashboard (the fixture's manager signs in with `testPassword`). */
export interface StoredDeals {
  count: number;
  projectId: string;
  managerUsername: string;
}

/** The tables a deal's rows live in, parents first (a copy is inserted in this order). */
const clonedTables = [
  'deal_plans',
  'deal_plan_versions',
  'deal_deposits',
  'deal_receipts',
  'deal_forms',
  'deal_agreements',
  'deal_agreement_buyers',
  'deal_transaction_files',
  'deal_payment_items',
  'deal_payments',
  'deal_contracts',
] as const;
type ClonedTable = (typeof clonedTables)[number];
type Row = Record<string, unknown>;

/** How far each template deal goes, in template order. */
const stages = [
  'deposit',
  'deposit',
  'agreement',
  'contract',
  'paid',
  'deposit',
  'deposit',
  'agreement',
  'contract',
  'paid',
] as const;

/** One template deal through the real use cases, as far as `stage`. */
async function makeTemplate(
  db: Db,
  world: DealsFixture,
  index: number,
  stage: (typeof stages)[number],
  now: Date,
) {
  const { fx } = world;
  const unitId = fx.unitIds[index]!;
  if (stage === 'deposit') {
    const customerId = await buildCustomer(db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant.staffId,
      name: `客户${index}`,
    });
    await takeDeposit(db, world, { unitId, customerId, amountFen: 5_000_000, now });
    return;
  }
  // The agreement's days follow the template's own clock, so each copy's days shift with its times
  // (the fixture's usual form carries fixed days, which would leave every copy outside the timed month).
  const day = (offsetDays: number) =>
    new Date(now.getTime() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const { fileId } = await openTransactionFile(db, world, {
    unitId,
    formNumber: `RG${String(index + 1).padStart(6, '0')}`,
    customerName: `客户${index}`,
    input: { signedOn: day(0), downPaymentDueOn: day(20), contractDueOn: day(40) },
    now,
  });
  if (stage === 'agreement') return;
  const later = new Date(now.getTime() + 2 * 86_400_000);
  await deals.prepareContract(db, {
    actor: fx.consultant,
    fileId,
    contractNumber: `HT-${index}`,
    now: later,
  });
  await deals.signContract(db, { actor: fx.consultant, fileId, signedOn: day(2), now: later });
  if (stage === 'contract') return;
  await payDownPayment(db, world, { fileId, idempotencyKey: `bench-down-payment-${index}`, now: later });
}

/**
 * The rows of one template deal: those its deposit reaches through ids, either way (the deposit
 * names its plan; the agreement names the deposit; the file the agreement; the items the file …).
 */
function rowsOfDeal(rows: Record<ClonedTable, Row[]>, depositId: string): Array<[ClonedTable, Row]> {
  const all = clonedTables.flatMap((table) => rows[table].map((row) => [table, row] as [ClonedTable, Row]));
  const ids = new Set([depositId]);
  const taken = new Set<Row>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const [, row] of all) {
      if (taken.has(row)) continue;
      const values = Object.values(row);
      if (!ids.has(String(row.id)) && !values.some((value) => typeof value === 'string' && ids.has(value)))
        continue;
      taken.add(row);
      grown = true;
      ids.add(String(row.id));
      // The rows this one names (a deposit's plan) belong to the deal too — but not another deposit.
      for (const [table, other] of all)
        if (table !== 'deal_deposits' && values.includes(other.id)) ids.add(String(other.id));
    }
  }
  return all.filter(([, row]) => taken.has(row));
}

export async function storeDeals(
  db: Db,
  sqlite: SqliteDatabase.Database,
  count: number,
  log: (text: string) => void,
): Promise<StoredDeals> {
  const now = new Date('2025-12-01T02:00:00.000Z');
  const world = await buildDealsFixture(db, {
    floors: 4,
    perFloor: 5,
    unitPriceFen: 150_000_000,
    forms: stages.length,
    now,
  });
  // The contract is filled by a consultant who passed the exam (SA-15).
  await deals.recordExam(db, {
    actor: world.fx.manager,
    staffId: world.fx.consultant.staffId,
    takenOn: '2025-11-01',
    score: 90,
    passMark: 60,
    expiresOn: '2027-11-01',
    note: '',
    now,
  });
  for (const [index, stage] of stages.entries())
    await makeTemplate(db, world, index, stage, new Date(now.getTime() + index * 3_600_000));
  const rows = Object.fromEntries(
    clonedTables.map((table) => [table, sqlite.prepare(`SELECT * FROM ${table}`).all() as Row[]]),
  ) as Record<ClonedTable, Row[]>;
  const templates = rows.deal_deposits.map((deposit) => rowsOfDeal(rows, String(deposit.id)));
  if (templates.length === 0) throw new Error('no template deposit was recorded');
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
  const copy = (table: ClonedTable, row: Row, ids: Map<string, string>, ms: number, n: number) => {
    const { columns, statement } = inserts[table];
    statement.run(
      ...columns.map((column) => {
        const value = row[column];
        if (typeof value === 'string' && ids.has(value)) return ids.get(value);
        // Receipt numbers and form numbers are unique per project.
        if (column === 'number' && typeof value === 'number') return value + (n + 1) * 1000;
        if ((column === 'number' || column === 'form_number') && typeof value === 'string')
          return `${value}-${n}`;
        if (column.endsWith('_on') && typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value))
          return shift(`${value}T00:00:00.000Z`, ms)?.toString().slice(0, 10);
        return column.endsWith('_at') ? shift(value, ms) : value;
      }),
    );
  };
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const template = templates[n % templates.length]!;
      const ms = Math.floor((n / count) * 365) * 86_400_000;
      const ids = new Map(template.map(([, row]) => [String(row.id), randomUUID()]));
      for (const [table, row] of template) copy(table, row, ids, ms, n);
    }
  });
  const chunk = 5_000;
  for (let from = templates.length; from < count; from += chunk) {
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
