import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResidentId } from '../../../contracts/resident-id.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, type TestClock } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { registerBuyers } from './opening.service.js';
import { createHourLongOpening, idNumberFor, signInBuyers } from './testing/index.js';

describe('OPEN online opening', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let app: AppInstance;
  let clock: TestClock;
  let eventId: string;
  const start = new Date('2026-12-01T02:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await buildInventory(database.db, { floors: 2, perFloor: 2 });
    clock = createClock('2026-11-30T02:00:00.000Z');
    app = await buildTestApp(database, clock);
    const event = await createHourLongOpening(database.db, fx, {
      name: '翠湖花园首开',
      startsAt: start,
      unitIds: fx.unitIds.slice(0, 3),
      now: clock.now(),
    });
    eventId = event.id;
    await registerBuyers(database.db, {
      actor: fx.controller,
      eventId,
      buyers: [
        {
          name: '周买家',
          phone: '13900000001',
          idNumber: idNumberFor(1),
          pledgeNumber: 'RC001',
          idVerified: true,
        },
        {
          name: '吴买家',
          phone: '13900000002',
          idNumber: idNumberFor(2),
          pledgeNumber: 'RC002',
          idVerified: true,
        },
        {
          name: '郑买家',
          phone: '13900000003',
          idNumber: idNumberFor(3),
          pledgeNumber: 'RC003',
          idVerified: false,
        },
      ],
      now: clock.now(),
    });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  async function signInBuyer(phone: string): Promise<string> {
    const sent = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/code`,
      payload: { phone },
    });
    expect(sent.statusCode).toBe(200);
    const row = await database.db
      .selectFrom('openingBuyers')
      .select('demoCode')
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/session`,
      payload: { phone, code: row.demoCode },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((item) => item.name === 'yk_buyer')!;
    expect(cookie.path).toBe(`/api/public/openings/${eventId}`);
    expect(cookie.httpOnly).toBe(true);
    return `yk_buyer=${cookie.value}`;
  }

  it('OPEN checks resident ID numbers and refuses a second registration of the same person', async () => {
    expect(checkResidentId(idNumberFor(7), '2026-11-27')).toBeNull();
    expect(checkResidentId('110101199001010000', '2026-11-27')).toBe('checksum');
    await expect(
      registerBuyers(database.db, {
        actor: fx.controller,
        eventId,
        buyers: [
          {
            name: 'x',
            phone: '13900000009',
            idNumber: idNumberFor(1),
            pledgeNumber: 'RC009',
            idVerified: true,
          },
        ],
        now: clock.now(),
      }),
    ).rejects.toMatchObject({ code: 'BUYER_DUPLICATE' });
    const stored = await database.db
      .selectFrom('openingBuyers')
      .select(['idNumberMasked'])
      .where('pledgeNumber', '=', 'RC001')
      .executeTakeFirstOrThrow();
    expect(stored.idNumberMasked).toMatch(/^1101\*+\d{3}[\dX]$/);
  });

  it('OPEN signs a buyer in with a one-time code; wrong codes and unverified buyers get nowhere', async () => {
    const wrong = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/session`,
      payload: { phone: '13900000001', code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const unverified = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/code`,
      payload: { phone: '13900000003' },
    });
    expect(unverified.statusCode).toBe(200);
    const row = await database.db
      .selectFrom('openingBuyers')
      .select('demoCode')
      .where('phone', '=', '13900000003')
      .executeTakeFirstOrThrow();
    expect(row.demoCode).toBeNull();
    const anonymous = await app.inject({ method: 'GET', url: `/api/public/openings/${eventId}/units` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('BUYER_UNAUTHENTICATED');
  });

  it('OPEN refuses picks before the start, then the first valid pick wins, the second buyer gets UNIT_TAKEN, the limit holds', async () => {
    const first = await signInBuyer('13900000001');
    const second = await signInBuyer('13900000002');
    const pick = (cookie: string, unitId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/public/openings/${eventId}/picks`,
        headers: { cookie },
        payload: { unitId },
      });
    const early = await pick(first, fx.unitIds[0]);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('OPENING_NOT_OPEN');

    clock.set(new Date(start.getTime() + 1000));
    const [a, b] = await Promise.all([pick(first, fx.unitIds[0]), pick(second, fx.unitIds[0])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 200 ? second : first;
    const winner = a.statusCode === 200 ? first : second;
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('UNIT_TAKEN');
    const again = await pick(winner, fx.unitIds[1]);
    expect(again.json().error.code).toBe('PICK_LIMIT_REACHED');
    expect((await pick(loser, fx.unitIds[1])).statusCode).toBe(200);
    const notOffered = await pick(loser, fx.unitIds[3]);
    expect(notOffered.statusCode).toBe(404);

    const units = JSON.parse(
      (
        await app.inject({
          method: 'GET',
          url: `/api/public/openings/${eventId}/units`,
          headers: { cookie: winner },
        })
      ).body,
    );
    expect(units.units.filter((unit: { isAvailable: boolean }) => unit.isAvailable)).toHaveLength(1);
    const me = (
      await app.inject({
        method: 'GET',
        url: `/api/public/openings/${eventId}/me`,
        headers: { cookie: winner },
      })
    ).json();
    expect(me.picks).toHaveLength(1);

    const picks = await database.db
      .selectFrom('openingPicks')
      .selectAll()
      .where('eventId', '=', eventId)
      .execute();
    expect(picks).toHaveLength(2);
    const sold = await database.db
      .selectFrom('units')
      .select(['status', 'openingBuyerId'])
      .where('id', 'in', [fx.unitIds[0], fx.unitIds[1]])
      .execute();
    expect(sold.every((unit) => unit.status === 'deposited' && unit.openingBuyerId)).toBe(true);
    const audit = await database.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'opening_pick')
      .execute();
    expect(audit).toHaveLength(2);
    const live = await database.db
      .selectFrom('liveEvents')
      .select('topic')
      .where('topic', '=', `board:${fx.org.salesProjectId}`)
      .where('type', '=', 'units.changed')
      .execute();
    expect(live.length).toBeGreaterThanOrEqual(2);
  });

  it('OPEN many buyers racing for one unit: exactly one confirmation', async () => {
    const event = await createHourLongOpening(database.db, fx, {
      name: '加推',
      startsAt: clock.now(),
      unitIds: [fx.unitIds[3]],
      now: clock.now(),
    });
    const buyers = Array.from({ length: 30 }, (_, index) => ({
      name: `买家${index}`,
      phone: `1370000${String(index).padStart(4, '0')}`,
      idNumber: idNumberFor(100 + index),
      pledgeNumber: `J${index}`,
      idVerified: true,
    }));
    await registerBuyers(database.db, { actor: fx.controller, eventId: event.id, buyers, now: clock.now() });
    const cookies = await signInBuyers(app, database, event.id, buyers);
    const results = await Promise.all(
      cookies.map((cookie) =>
        app.inject({
          method: 'POST',
          url: `/api/public/openings/${event.id}/picks`,
          headers: { cookie },
          payload: { unitId: fx.unitIds[3] },
        }),
      ),
    );
    expect(results.filter((result) => result.statusCode === 200)).toHaveLength(1);
    expect(results.filter((result) => result.statusCode === 409)).toHaveLength(29);
    expect(
      await database.db.selectFrom('openingPicks').select('id').where('eventId', '=', event.id).execute(),
    ).toHaveLength(1);
  });

  it("OPEN a lost pick is answered in the one error shape and in the buyer's language", async () => {
    const event = await createHourLongOpening(database.db, fx, {
      name: '尾房',
      startsAt: clock.now(),
      unitIds: [fx.unitIds[2]],
      now: clock.now(),
    });
    const buyers = ['13800000071', '13800000072'].map((phone, index) => ({
      name: `林买家${index}`,
      phone,
      idNumber: idNumberFor(200 + index),
      pledgeNumber: `W${index}`,
      idVerified: true,
    }));
    await registerBuyers(database.db, { actor: fx.controller, eventId: event.id, buyers, now: clock.now() });
    const cookies = await signInBuyers(app, database, event.id, buyers);
    const pick = (cookie: string, unitId: string, language: string) =>
      app.inject({
        method: 'POST',
        url: `/api/public/openings/${event.id}/picks`,
        headers: { cookie, 'accept-language': language },
        payload: { unitId },
      });
    expect((await pick(cookies[0], fx.unitIds[2], 'zh-CN')).statusCode).toBe(200);

    for (const [language, message] of [
      ['en', 'Sorry, this unit has just been taken; please choose another.'],
      ['zh-TW', '很遺憾,該房號已被選走,請選擇其他房號。'],
      ['zh-CN', '很遗憾,该房号已被选走,请选择其他房号。'],
      ['en', 'Sorry, this unit has just been taken; please choose another.'],
    ]) {
      const lost = await pick(cookies[1], fx.unitIds[2], language);
      expect(lost.statusCode).toBe(409);
      expect(lost.headers['content-type']).toMatch(/^application\/json/);
      expect(lost.json()).toEqual({ error: { code: 'UNIT_TAKEN', message } });
    }
    const overLimit = await pick(cookies[0], fx.unitIds[2], 'en');
    expect(overLimit.statusCode).toBe(409);
    expect(overLimit.json()).toEqual({
      error: {
        code: 'PICK_LIMIT_REACHED',
        message: 'You have already picked the 1 unit(s) this opening allows.',
      },
    });
    expect((await pick(cookies[0], fx.unitIds[2], 'zh-TW')).json().error.message).toBe(
      '您已選滿本次開盤允許的 1 套。',
    );
  });
});
