import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { getBoard } from './board.service.js';
import * as inventory from './inventory.service.js';
import { createPriceListDraft, decidePriceList } from './price-lists.service.js';
import { buildCustomer, buildInventory, type InventoryFixture } from './testing/index.js';

const t0 = new Date('2026-11-27T02:00:00.000Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('inventory: holds, transitions, price lists', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 4, perFloor: 3 });
    customerA = await buildCustomer(database.db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant.staffId,
      name: '陈先生',
    });
    customerB = await buildCustomer(database.db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant2.staffId,
      name: '林女士',
    });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('INV holds a unit for a customer with the project hold time, records history and audit', async () => {
    const { db } = database;
    const unit = await inventory.holdUnit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[0],
      customerId: customerA,
      now: t0,
    });
    expect(unit.status).toBe('held');
    expect(unit.holderStaffId).toBe(fx.consultant.staffId);
    expect(unit.holdCustomerId).toBe(customerA);
    expect(unit.holdExpiresAt).toBe(minutes(30).toISOString());
    expect(unit.label).toBe('1栋-101');
    expect(unit.buildingArea).toBe('89.50');
    const history = await inventory.findUnitHistory(db, fx.consultant, fx.unitIds[0]);
    expect(history[0]).toMatchObject({
      action: 'hold',
      fromStatus: 'for_sale',
      toStatus: 'held',
      actorId: fx.consultant.staffId,
      customerId: customerA,
    });
    const audit = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', fx.unitIds[0])
      .where('action', '=', 'hold')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('INV refuses a second hold with UNIT_NOT_AVAILABLE naming the holder', async () => {
    await expect(
      inventory.holdUnit(database.db, {
        actor: fx.consultant2,
        unitId: fx.unitIds[0],
        customerId: customerB,
        now: minutes(1),
      }),
    ).rejects.toMatchObject({
      code: 'UNIT_NOT_AVAILABLE',
      status: 409,
      message: expect.stringContaining('held by 张顾问'),
    });
  });

  it('INV lets a consultant release only their own hold; the controller releases any', async () => {
    const { db } = database;
    await expect(
      inventory.releaseHold(db, { actor: fx.consultant2, unitId: fx.unitIds[0], now: minutes(2) }),
    ).rejects.toMatchObject({ code: 'TRANSITION_FORBIDDEN' });
    await inventory.holdUnit(db, {
      actor: fx.consultant2,
      unitId: fx.unitIds[1],
      customerId: customerB,
      now: minutes(2),
    });
    const released = await inventory.releaseHold(db, {
      actor: fx.controller,
      unitId: fx.unitIds[1],
      reason: '客户放弃',
      now: minutes(3),
    });
    expect(released.status).toBe('for_sale');
    expect(released.holderStaffId).toBeNull();
  });

  it('INV lets only the controller or manager extend a hold, and refuses a consultant reserving', async () => {
    const { db } = database;
    await expect(
      inventory.extendHold(db, { actor: fx.consultant, unitId: fx.unitIds[0], now: minutes(4) }),
    ).rejects.toMatchObject({ code: 'TRANSITION_FORBIDDEN' });
    const extended = await inventory.extendHold(db, {
      actor: fx.controller,
      unitId: fx.unitIds[0],
      minutes: 60,
      now: minutes(4),
    });
    expect(extended.holdExpiresAt).toBe(minutes(90).toISOString());
    await expect(
      inventory.changeUnitStatusInTransaction(db, {
        actor: fx.consultant,
        unitId: fx.unitIds[2],
        from: ['for_sale'],
        to: 'reserved',
        now: minutes(4),
      }),
    ).rejects.toMatchObject({ code: 'TRANSITION_FORBIDDEN' });
    const reserved = await inventory.changeUnitStatusInTransaction(db, {
      actor: fx.manager,
      unitId: fx.unitIds[2],
      from: ['for_sale'],
      to: 'reserved',
      reason: '领导保留',
      now: minutes(4),
    });
    expect(reserved.status).toBe('reserved');
  });

  it('INV expires a hold by itself: reads show it for sale at once and the next hold wins, with the expiry in history', async () => {
    const { db } = database;
    await inventory.holdUnit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[3],
      customerId: customerA,
      now: t0,
    });
    const later = minutes(31);
    expect((await inventory.getUnitAt(db, fx.consultant2, fx.unitIds[3], later)).status).toBe('for_sale');
    const taken = await inventory.holdUnit(db, {
      actor: fx.consultant2,
      unitId: fx.unitIds[3],
      customerId: customerB,
      now: later,
    });
    expect(taken.holdCustomerId).toBe(customerB);
    const actions = (await inventory.findUnitHistory(db, fx.controller, fx.unitIds[3])).map(
      (row) => row.action,
    );
    expect(actions.slice(0, 3)).toEqual(['hold', 'expire', 'hold']);
  });

  it('INV expiry job releases due holds and leaves live ones', async () => {
    const { db } = database;
    await inventory.holdUnit(db, {
      actor: fx.consultant,
      unitId: fx.unitIds[4],
      customerId: customerA,
      minutes: 5,
      now: t0,
    });
    const released = await inventory.expireHolds(db, { now: minutes(40) });
    expect(released).toBeGreaterThanOrEqual(1);
    const row = await db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', fx.unitIds[4])
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('for_sale');
    expect(row.holdCustomerId).toBeNull();
    const scheduled = await db
      .selectFrom('jobs')
      .select('kind')
      .where('kind', '=', inventory.holdExpiryJobKind)
      .execute();
    expect(scheduled.length).toBeGreaterThan(0);
  });

  it('SA-12 deposit re-verifies the hold: refused for another customer or after expiry, accepted for the hold customer', async () => {
    const { db } = database;
    const unitId = fx.unitIds[5];
    await inventory.holdUnit(db, { actor: fx.consultant, unitId, customerId: customerA, now: t0 });
    await expect(
      db
        .transaction()
        .execute((trx) => inventory.assertHeldFor(trx, { unitId, customerId: customerB, now: minutes(1) })),
    ).rejects.toMatchObject({ code: 'HOLD_MISMATCH' });
    await expect(
      db.transaction().execute((trx) =>
        inventory.transitionUnit(trx, {
          actor: fx.consultant,
          unitId,
          from: ['held'],
          to: 'deposited',
          customerId: customerB,
          now: minutes(1),
        }),
      ),
    ).rejects.toMatchObject({ code: 'HOLD_MISMATCH' });
    await expect(
      db.transaction().execute((trx) =>
        inventory.transitionUnit(trx, {
          actor: fx.consultant,
          unitId,
          from: ['held'],
          to: 'deposited',
          customerId: customerA,
          now: minutes(45),
        }),
      ),
    ).rejects.toMatchObject({ code: 'UNIT_NOT_AVAILABLE' });
    await inventory.holdUnit(db, { actor: fx.consultant, unitId, customerId: customerA, now: minutes(50) });
    const deposited = await db.transaction().execute(async (trx) => {
      await inventory.assertHeldFor(trx, { unitId, customerId: customerA, now: minutes(51) });
      return inventory.transitionUnit(trx, {
        actor: fx.consultant,
        unitId,
        from: ['held'],
        to: 'deposited',
        customerId: customerA,
        now: minutes(51),
      });
    });
    expect(deposited).toMatchObject({ status: 'deposited', buyerCustomerId: customerA, holdExpiresAt: null });
  });

  it('SA-13 seals the unit on subscription and refuses illegal moves with a clear reason', async () => {
    const { db } = database;
    const unitId = fx.unitIds[5];
    const sealed = await db.transaction().execute((trx) =>
      inventory.transitionUnit(trx, {
        actor: fx.manager,
        unitId,
        from: ['deposited'],
        to: 'subscribed',
        now: minutes(60),
      }),
    );
    expect(sealed.status).toBe('subscribed');
    await expect(
      inventory.holdUnit(db, { actor: fx.consultant2, unitId, customerId: customerB, now: minutes(61) }),
    ).rejects.toMatchObject({
      code: 'UNIT_NOT_AVAILABLE',
      message: expect.stringContaining('Subscribed'),
    });
    await expect(
      db.transaction().execute((trx) =>
        inventory.transitionUnit(trx, {
          actor: fx.manager,
          unitId,
          from: ['subscribed'],
          to: 'held',
          now: minutes(61),
        }),
      ),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    for (const to of ['contracted', 'sold'] as const) {
      const from = to === 'contracted' ? 'subscribed' : 'contracted';
      await db
        .transaction()
        .execute((trx) =>
          inventory.transitionUnit(trx, { actor: fx.manager, unitId, from: [from], to, now: minutes(62) }),
        );
    }
    expect((await inventory.getUnitAt(db, fx.manager, unitId, minutes(63))).status).toBe('sold');
  });

  it('SA-9 price lists: totals computed exactly, approved by another manager, traceable on the unit', async () => {
    const { db } = database;
    const draft = await createPriceListDraft(db, {
      actor: fx.manager,
      projectId: fx.org.salesProjectId,
      name: '首期价目表',
      note: '',
      prices: [{ unitId: fx.unitIds[6], unitPriceFen: 3_256_789 }],
      now: t0,
    });
    // 89.50 m² × 32,567.89 yuan = 2,914,826.155 yuan → 291,482,616 fen (half up).
    const item = await db
      .selectFrom('priceListItems')
      .selectAll()
      .where('priceListId', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(Number(item.totalFen)).toBe(291_482_616);
    const before = await inventory.getUnitAt(db, fx.manager, fx.unitIds[6], t0);
    expect(before.listTotalFen).toBeNull();
    await expect(
      decidePriceList(db, {
        actor: fx.manager,
        priceListId: draft.id,
        decision: 'approve',
        note: '',
        now: t0,
      }),
    ).rejects.toMatchObject({ code: 'PRICE_LIST_SELF_APPROVAL' });
    await expect(
      decidePriceList(db, {
        actor: fx.controller,
        priceListId: draft.id,
        decision: 'approve',
        note: '',
        now: t0,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decidePriceList(db, {
      actor: fx.manager2,
      priceListId: draft.id,
      decision: 'approve',
      note: '同意',
      now: t0,
    });
    const after = await inventory.getUnitAt(db, fx.manager, fx.unitIds[6], t0);
    expect(after).toMatchObject({
      listUnitPriceFen: 3_256_789,
      listTotalFen: 291_482_616,
      priceListId: draft.id,
      priceListVersion: draft.version,
    });
    await expect(
      decidePriceList(db, {
        actor: fx.manager2,
        priceListId: draft.id,
        decision: 'reject',
        note: '',
        now: t0,
      }),
    ).rejects.toMatchObject({ code: 'PRICE_LIST_NOT_DRAFT' });
  });

  it('INV board counts statuses, sold area and amount, and shows expired holds as for sale', async () => {
    const board = await getBoard(database.db, fx.controller, fx.org.salesProjectId, minutes(200));
    expect(board.buildings.flatMap((building) => building.units)).toHaveLength(12);
    expect(board.stats.total).toBe(12);
    expect(board.stats.byStatus.sold).toBe(1);
    expect(board.stats.soldArea).toBe('89.50');
    expect(board.buildings[0].floors).toEqual([4, 3, 2, 1]);
    expect(board.stats.byStatus.held).toBe(0);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
