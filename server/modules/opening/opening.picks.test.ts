import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { applyPicks, type PickRequest, pickBatcherFor } from './opening.picks.js';
import { registerBuyers } from './opening.service.js';
import { createHourLongOpening, idNumberFor } from './testing/index.js';

describe('OPEN one batch of picks', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let request: (unitId: string, buyer: number) => PickRequest;
  const now = new Date('2026-12-01T02:00:05.000Z');
  const buyerIds: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 2, perFloor: 3 });
    const event = await createHourLongOpening(database.db, fx, {
      name: '批量',
      startsAt: new Date('2026-12-01T02:00:00.000Z'),
      unitIds: fx.unitIds,
      now: new Date('2026-11-30T02:00:00.000Z'),
    });
    const rows = await registerBuyers(database.db, {
      actor: fx.controller,
      eventId: event.id,
      buyers: [0, 1, 2].map((index) => ({
        name: `批买家${index}`,
        phone: `1350000000${index}`,
        idNumber: idNumberFor(400 + index),
        pledgeNumber: `B${index}`,
        idVerified: true,
      })),
      now: new Date('2026-11-30T02:00:00.000Z'),
    });
    buyerIds.push(...rows.map((row) => row.id));
    request = (unitId, buyer) => ({
      eventId: event.id,
      projectId: fx.org.salesProjectId,
      companyId: fx.org.companyId,
      unitId,
      buyerId: buyerIds[buyer],
      buyerName: `批买家${buyer}`,
      customerId: null,
      perBuyerLimit: 1,
      now,
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('OPEN decides a batch in order: a unit once, the limit counted by the database, a unit claimed over the limit goes back on sale with nothing recorded', async () => {
    // Buyer 2 was already counted elsewhere (another instance, say) while this process thinks otherwise.
    await database.db
      .updateTable('openingBuyers')
      .set({ pickCount: 1 })
      .where('id', '=', buyerIds[2])
      .execute();
    const outcomes = await database.db
      .transaction()
      .execute((trx) =>
        applyPicks(trx, [
          request(fx.unitIds[0], 0),
          request(fx.unitIds[0], 1),
          request(fx.unitIds[1], 0),
          request(fx.unitIds[2], 2),
          request(fx.unitIds[3], 1),
        ]),
      );
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['won', 'taken', 'limit', 'limit', 'won']);
    const won = outcomes.flatMap((outcome) => (outcome.result === 'won' ? [outcome] : []));
    expect(won.map((outcome) => outcome.pick.unitId)).toEqual([fx.unitIds[0], fx.unitIds[3]]);
    expect(won.every((outcome) => outcome.version >= 1 && outcome.pick.listTotalFen === null)).toBe(true);

    const units = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'openingBuyerId', 'version'])
      .where('id', 'in', fx.unitIds.slice(0, 4))
      .orderBy('id')
      .execute();
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    expect(byId.get(fx.unitIds[0])).toMatchObject({ status: 'deposited', openingBuyerId: buyerIds[0] });
    expect(byId.get(fx.unitIds[3])).toMatchObject({ status: 'deposited', openingBuyerId: buyerIds[1] });
    for (const unitId of [fx.unitIds[1], fx.unitIds[2]])
      expect(byId.get(unitId)).toMatchObject({ status: 'for_sale', openingBuyerId: null });

    const picks = await database.db.selectFrom('openingPicks').selectAll().orderBy('unitId').execute();
    expect(picks.map((pick) => [pick.unitId, pick.buyerId, pick.pickedAt, pick.id])).toEqual(
      [
        [fx.unitIds[0], buyerIds[0], now.toISOString(), won[0].pick.id],
        [fx.unitIds[3], buyerIds[1], now.toISOString(), won[1].pick.id],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    const history = await database.db
      .selectFrom('unitHistory')
      .selectAll()
      .where('action', '=', 'opening_pick')
      .execute();
    expect(history.map((row) => row.unitId).sort()).toEqual([fx.unitIds[0], fx.unitIds[3]].sort());
    expect(history[0]).toMatchObject({
      fromStatus: 'for_sale',
      toStatus: 'deposited',
      actorId: null,
      projectId: fx.org.salesProjectId,
      at: now.toISOString(),
    });
    expect(history.map((row) => row.actorName).sort()).toEqual(['批买家0(线上开盘)', '批买家1(线上开盘)']);
    const counts = await database.db
      .selectFrom('openingBuyers')
      .select(['id', 'pickCount'])
      .where('id', 'in', buyerIds)
      .execute();
    expect(Object.fromEntries(counts.map((row) => [row.id, Number(row.pickCount)]))).toEqual({
      [buyerIds[0]]: 1,
      [buyerIds[1]]: 1,
      [buyerIds[2]]: 1,
    });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it("OPEN the batcher decides picks arriving together: the first of a unit wins, a buyer's second pick waits for the next batch and meets the limit, every winner is in the live events and one audit row", async () => {
    const free = fx.unitIds.slice(4, 6);
    const spare = fx.unitIds[1]; // back on sale since the batch above
    await database.db
      .updateTable('openingBuyers')
      .set({ pickCount: 0 })
      .where('id', 'in', buyerIds)
      .execute();
    const liveBefore = await database.db.selectFrom('liveEvents').select('seq').execute();
    const auditBefore = await database.db.selectFrom('auditLog').select('seq').execute();
    const batcher = pickBatcherFor(database.db);
    const outcomes = await Promise.all([
      batcher.submit(request(free[0], 0)),
      batcher.submit(request(free[0], 1)),
      batcher.submit(request(spare, 0)),
      batcher.submit(request(free[1], 2)),
    ]);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['won', 'taken', 'limit', 'won']);
    const owners = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'openingBuyerId'])
      .where('id', 'in', free)
      .execute();
    expect(new Map(owners.map((unit) => [unit.id, unit.openingBuyerId]))).toEqual(
      new Map([
        [free[0], buyerIds[0]],
        [free[1], buyerIds[2]],
      ]),
    );
    const events = await database.db
      .selectFrom('liveEvents')
      .select(['topic', 'type', 'payloadJson'])
      .where('seq', 'not in', liveBefore.length ? liveBefore.map((row) => row.seq) : [-1])
      .execute();
    const taken = events
      .filter((event) => event.type === 'units.taken')
      .flatMap((event) => (JSON.parse(event.payloadJson) as { unitIds: string[] }).unitIds);
    expect(taken.sort()).toEqual([...free].sort());
    const board = events
      .filter((event) => event.topic === `board:${fx.org.salesProjectId}`)
      .flatMap(
        (event) => (JSON.parse(event.payloadJson) as { units: Array<{ id: string; status: string }> }).units,
      );
    expect(board.map((unit) => [unit.id, unit.status]).sort()).toEqual(
      [...free].sort().map((id) => [id, 'deposited']),
    );
    const audits = await database.db
      .selectFrom('auditLog')
      .select(['entityType', 'afterJson'])
      .where(
        'seq',
        'not in',
        auditBefore.map((row) => row.seq),
      )
      .execute();
    const picked = audits
      .filter((row) => row.entityType === 'opening_picks')
      .flatMap(
        (row) =>
          (JSON.parse(row.afterJson ?? '{}') as { picks: Array<{ unitId: string; buyerName: string }> })
            .picks,
      );
    expect(picked.map((pick) => [pick.unitId, pick.buyerName]).sort()).toEqual(
      [
        [free[0], '批买家0'],
        [free[1], '批买家2'],
      ].sort(),
    );
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
