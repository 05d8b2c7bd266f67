import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, type TestClock } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { verifyAuditChain } from '../audit/index.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { registerBuyers } from './opening.service.js';
import { createHourLongOpening, idNumberFor, signInBuyers } from './testing/index.js';

describe('OPEN picks racing in batches', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let app: AppInstance;
  let clock: TestClock;
  let eventId: string;
  const cookies: string[] = [];
  const buyerCount = 24;
  const limit = 2;

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 4, perFloor: 3 });
    clock = createClock('2026-12-01T02:00:00.000Z');
    app = await buildTestApp(database, clock);
    const event = await createHourLongOpening(database.db, fx, {
      name: '加推',
      startsAt: clock.now(),
      perBuyerLimit: limit,
      unitIds: fx.unitIds,
      now: clock.now(),
    });
    eventId = event.id;
    const buyers = Array.from({ length: buyerCount }, (_, index) => ({
      name: `买家${index}`,
      phone: `1360000${String(index).padStart(4, '0')}`,
      idNumber: idNumberFor(300 + index),
      pledgeNumber: `R${index}`,
      idVerified: true,
    }));
    await registerBuyers(database.db, { actor: fx.controller, eventId, buyers, now: clock.now() });
    cookies.push(...(await signInBuyers(app, database, eventId, buyers)));
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('OPEN many buyers picking at once over few units: no unit sold twice, no buyer over the limit, every confirmation recorded', async () => {
    // Each buyer fires three picks at once (units chosen round-robin so that every unit is contended).
    const attempts = cookies.flatMap((cookie, buyer) =>
      [0, 1, 2].map((shot) => ({
        cookie,
        buyer,
        unitId: fx.unitIds[(buyer * 5 + shot * 7) % fx.unitIds.length],
      })),
    );
    const answers = await Promise.all(
      attempts.map(async (attempt) => ({
        ...attempt,
        response: await app.inject({
          method: 'POST',
          url: `/api/public/openings/${eventId}/picks`,
          headers: { cookie: attempt.cookie },
          payload: { unitId: attempt.unitId },
        }),
      })),
    );
    const confirmed = answers.filter((answer) => answer.response.statusCode === 200);
    for (const answer of answers.filter((item) => item.response.statusCode !== 200)) {
      expect(answer.response.statusCode).toBe(409);
      expect(['UNIT_TAKEN', 'PICK_LIMIT_REACHED']).toContain(answer.response.json().error.code);
    }
    const picks = await database.db
      .selectFrom('openingPicks')
      .innerJoin('openingBuyers', 'openingBuyers.id', 'openingPicks.buyerId')
      .select([
        'openingPicks.unitId',
        'openingPicks.buyerId',
        'openingBuyers.phone',
        'openingBuyers.pickCount',
      ])
      .where('openingPicks.eventId', '=', eventId)
      .execute();
    // Every confirmation is a recorded pick, and nothing else is.
    expect(picks).toHaveLength(confirmed.length);
    expect(new Set(picks.map((pick) => pick.unitId)).size).toBe(picks.length);
    const byBuyer = new Map<string, number>();
    for (const pick of picks) byBuyer.set(pick.buyerId, (byBuyer.get(pick.buyerId) ?? 0) + 1);
    for (const [, count] of byBuyer) expect(count).toBeLessThanOrEqual(limit);
    for (const pick of picks) expect(pick.pickCount).toBe(byBuyer.get(pick.buyerId));
    expect(picks.length).toBeGreaterThan(0);
    const units = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'openingBuyerId'])
      .where('id', 'in', fx.unitIds)
      .execute();
    const buyerOfUnit = new Map(picks.map((pick) => [pick.unitId, pick.buyerId]));
    // A unit is sold exactly when a pick records it, to that pick's buyer; the others are still for sale.
    for (const unit of units) {
      expect(unit.status).toBe(buyerOfUnit.has(unit.id) ? 'deposited' : 'for_sale');
      expect(unit.openingBuyerId ?? undefined).toBe(buyerOfUnit.get(unit.id));
    }
    const audited = await database.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('action', '=', 'opening_pick')
      .execute();
    const auditedUnits = audited.flatMap(
      (row) => (JSON.parse(row.afterJson ?? '{}') as { picks: Array<{ unitId: string }> }).picks,
    );
    expect(auditedUnits.map((pick) => pick.unitId).sort()).toEqual([...buyerOfUnit.keys()].sort());
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
