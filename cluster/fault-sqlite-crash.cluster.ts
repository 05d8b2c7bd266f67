import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../server/modules/audit/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { freePort, Instance, type Session, signIn } from './harness.js';
import { type Crew, emptyLedger, type Ledger, runClient, UnitPool } from './sqlite-crash-workload.js';

/**
 * One office server on SQLite (the built server, as `npm start` runs it), killed with SIGKILL 50
 * times at random moments while consultants hold units and finance collects deposits, restarted
 * each time. What the server acknowledged must survive every kill (WAL with synchronous=FULL):
 * no acknowledged hold lost, no unit held or sold twice, receipt numbers without a gap, every
 * acknowledged receipt present, the audit chain intact. Needs neither nginx nor PostgreSQL.
 */
const kills = 50;
const clientCount = 4;
// The server is up between ~0.25 and ~0.85 s before each kill; a restart takes ~1.5 s here, so
// 50 rounds fit in about two minutes while every round still sees holds and collections.
const upMs = { min: 250, max: 850 };
const holdsPerRound = 12;

// The kill moments and the clients' choices are random; the timing makes a run unrepeatable anyway.
const random = Math.random;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let instance: Instance;
let database: Database | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-crash-'));
  instance = new Instance(0, await freePort(), {
    DATABASE_URL: `sqlite:${path.join(dataDir, 'yingke.db')}`,
    YINGKE_SECRET_KEY: randomBytes(32).toString('hex'),
    BACKUP_DIR: path.join(dataDir, 'backups'),
    LOG_LEVEL: 'warn',
    YINGKE_CHECK_RESPONSES: '1',
  });
  // The first start migrates and loads the demo office (a few seconds on SQLite).
  await instance.start();
});

afterAll(async () => {
  await database?.close();
  await instance?.stop('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The demo sales project, its priced units for sale and a dozen new customers of the consultant. */
async function prepareWorld(consultant: Session) {
  const projects = await consultant.ok<{ items: Array<{ id: string; kind: string }> }>(
    'GET',
    '/org/projects',
  );
  const projectId = projects.items.find((project) => project.kind === 'sales')!.id;
  const board = await consultant.ok<{
    buildings: Array<{ units: Array<{ i: string; s: string; up: number | null }> }>;
  }>('GET', `/inventory/projects/${projectId}/board`);
  const units = board.buildings
    .flatMap((building) => building.units)
    .filter((cell) => cell.s === 'for_sale' && cell.up !== null)
    .map((cell) => cell.i);
  const customers: string[] = [];
  for (let index = 0; index < 12; index++) {
    const created = await consultant.ok<{ customer: { id: string } }>('POST', '/customers', {
      projectId,
      name: `断电测试客户${index}`,
      phones: [`1390000${String(1000 + index)}`],
      hasContactConsent: true,
    });
    customers.push(created.customer.id);
  }
  return { units, customers };
}

describe('SQLite server killed 50 times', () => {
  it('keeps every acknowledged hold and receipt, holds no unit twice, numbers receipts without gaps and keeps the audit chain', async () => {
    const crew: Crew = {
      consultant: await signIn(instance.url, 'zhangwei'),
      controller: await signIn(instance.url, 'controller'),
      finance: await signIn(instance.url, 'finance'),
    };
    const { units, customers } = await prepareWorld(crew.consultant);
    expect(units.length).toBeGreaterThan(100);
    const ledger: Ledger = emptyLedger();
    let isStopped = false;
    // Clients race for a pool of units small enough that many holds collide.
    const pool = new UnitPool(units);
    const clients = Array.from({ length: clientCount }, () =>
      runClient({
        crew,
        customers,
        pool,
        ledger,
        isStopped: () => isStopped,
        random,
        depositShare: 0.2,
        releaseShare: 0.5,
      }),
    );
    const startedAt = Date.now();
    const restartMs: number[] = [];
    for (let kill = 0; kill < kills; kill++) {
      if (!instance.isRunning) {
        const restartAt = Date.now();
        await instance.start();
        restartMs.push(Date.now() - restartAt);
      }
      pool.allow(holdsPerRound);
      await sleep(upMs.min + random() * (upMs.max - upMs.min));
      await instance.stop('SIGKILL');
      if ((kill + 1) % 10 === 0)
        console.log(
          `kill ${kill + 1}/${kills} at ${((Date.now() - startedAt) / 1000).toFixed(0)} s: ${ledger.holds.length} holds, ${ledger.receipts.length} receipts acknowledged`,
        );
    }
    // Up once more: collections cut short ask again and are answered, then the clients stop.
    await instance.start();
    pool.allow(0);
    isStopped = true;
    await Promise.all(clients);
    const loopSeconds = (Date.now() - startedAt) / 1000;
    await instance.stop('SIGTERM');

    database = openDatabase(`sqlite:${path.join(dataDir, 'yingke.db')}`);
    const db = database.db;
    const integrity = database.sqlite?.pragma('integrity_check', { simple: true });

    // 1. Every acknowledged hold is in the unit's history, and a hold nobody released or turned
    // into a deposit still holds the unit for its customer.
    // (Kysely's CamelCasePlugin names the columns of raw SQL's answers too.)
    const histories = await sql<{
      unitId: string;
      action: string;
      fromStatus: string | null;
      toStatus: string;
      customerId: string | null;
    }>`select unit_id, action, from_status, to_status, customer_id from unit_history order by rowid`.execute(
      db,
    );
    const heldRows = new Set(
      histories.rows.filter((row) => row.action === 'hold').map((row) => `${row.unitId}:${row.customerId}`),
    );
    const unitRows = await sql<{
      id: string;
      status: string;
      holdCustomerId: string | null;
      buyerCustomerId: string | null;
    }>`select id, status, hold_customer_id, buyer_customer_id from units`.execute(db);
    const unitById = new Map(unitRows.rows.map((row) => [row.id, row]));
    const lastHoldOfUnit = new Map(ledger.holds.map((hold) => [hold.unitId, hold]));
    const lostHolds = ledger.holds.filter((hold) => {
      if (!heldRows.has(`${hold.unitId}:${hold.customerId}`)) return true;
      if (lastHoldOfUnit.get(hold.unitId) !== hold || hold.isReleaseSent) return false;
      const unit = unitById.get(hold.unitId)!;
      if (hold.receipt) return unit.status !== 'deposited' || unit.buyerCustomerId !== hold.customerId;
      // Not released by the client: held for the customer, or deposited if a collection that
      // lost its answer went through.
      return !(
        (unit.status === 'held' && unit.holdCustomerId === hold.customerId) ||
        (unit.status === 'deposited' && unit.buyerCustomerId === hold.customerId)
      );
    });

    // 2. No unit held twice: each unit's history is one unbroken chain of states (every move starts
    // where the one before ended; a hold only from for sale), no two acknowledged holds overlap,
    // and no unit has two collected deposits.
    const brokenChains = new Set<string>();
    const stateOf = new Map<string, string>();
    for (const row of histories.rows) {
      const before = stateOf.get(row.unitId);
      if (before !== undefined && row.fromStatus !== before) brokenChains.add(row.unitId);
      if (row.toStatus === 'held' && row.action === 'hold' && row.fromStatus !== 'for_sale')
        brokenChains.add(row.unitId);
      stateOf.set(row.unitId, row.toStatus);
    }
    const overlapping: string[] = [];
    const openHold = new Map<string, (typeof ledger.holds)[number]>();
    for (const hold of ledger.holds) {
      const before = openHold.get(hold.unitId);
      if (before && !before.isReleaseSent) overlapping.push(hold.unitId);
      openHold.set(hold.unitId, hold);
    }
    const soldTwice = await sql<{ unitId: string }>`
      select unit_id from deal_deposits where status = 'collected' group by unit_id having count(*) > 1`.execute(
      db,
    );

    // 3. Receipt numbers: per project 1…N without a gap, N the counter; every acknowledged receipt
    // is there with the number it was given.
    const receipts = await sql<{ id: string; projectId: string; number: number }>`
      select id, project_id, number from deal_receipts order by project_id, number`.execute(db);
    const counters = await sql<{ projectId: string; lastNumber: number }>`
      select project_id, last_number from deal_receipt_counters`.execute(db);
    const gaps: string[] = [];
    for (const counter of counters.rows) {
      const numbers = receipts.rows
        .filter((row) => row.projectId === counter.projectId)
        .map((row) => row.number);
      const expected = Array.from({ length: counter.lastNumber }, (_, index) => index + 1);
      if (JSON.stringify(numbers) !== JSON.stringify(expected))
        gaps.push(`${counter.projectId}: ${numbers.length} receipts, counter ${counter.lastNumber}`);
    }
    const receiptById = new Map(receipts.rows.map((row) => [row.id, row]));
    const missingReceipts = ledger.receipts.filter(
      (receipt) => receiptById.get(receipt.id)?.number !== receipt.number,
    );

    // 4. The audit chain, as `npm run audit:verify` checks it.
    const audit = await verifyAuditChain(db);

    const figures = {
      kills,
      loop_s: loopSeconds.toFixed(1),
      restart_avg_ms: Math.round(restartMs.reduce((sum, ms) => sum + ms, 0) / restartMs.length),
      restart_max_ms: Math.max(...restartMs),
      restarts_ms: restartMs.join(' '),
      holds_acknowledged: ledger.holds.length,
      holds_unknown: ledger.holdsUnknown,
      holds_refused_409: ledger.holdsRefused,
      releases_acknowledged: ledger.releases,
      receipts_acknowledged: ledger.receipts.length,
      receipts_stored: receipts.rows.length,
      collect_replays_after_restart: ledger.collectReplays,
      acknowledged_holds_lost: lostHolds.length,
      units_held_twice: brokenChains.size + overlapping.length,
      units_sold_twice: soldTwice.rows.length,
      receipt_number_gaps: gaps.length,
      acknowledged_receipts_missing: missingReceipts.length,
      audit_rows_checked: audit.checkedRows,
      audit_chain_ok: audit.ok,
    };
    console.log(
      `SQLite crash test:\n${Object.entries(figures)
        .map(([key, value]) => `  ${key}: ${value}`)
        .join('\n')}`,
    );

    expect(integrity).toBe('ok');
    expect(ledger.unexpected).toEqual([]);
    // The run proves something only if the kills met real traffic.
    expect(ledger.holds.length).toBeGreaterThan(kills);
    expect(ledger.receipts.length).toBeGreaterThan(10);
    expect(lostHolds).toEqual([]);
    expect([...brokenChains]).toEqual([]);
    expect(overlapping).toEqual([]);
    expect(soldTwice.rows).toEqual([]);
    expect(gaps).toEqual([]);
    expect(missingReceipts).toEqual([]);
    expect(audit).toMatchObject({ ok: true, firstBreak: null });
  }, 1_200_000);
});
