import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestClock } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { createProject } from '../org/index.js';
import { registerBuyers } from './opening.service.js';
import { createHourLongOpening, idNumberFor, signInBuyers } from './testing/index.js';

type Staff = Actor & { username: string };
const start = new Date('2026-12-01T02:00:00.000Z');

/**
 * The online opening's two scopes: the staff console serves the members of the event's project
 * (404 for everyone else); a buyer's token serves that buyer, in that event, only.
 */
describe('OPEN object scope: staff console (project) and buyer token (buyer)', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let clock: TestClock;
  let fx: InventoryFixture;
  let other: InventoryFixture;
  let eventA: string;
  let eventB: string;
  let eventOther: string;
  let buyerA: string;
  let buyerB: string;
  let cookieA: string;
  let cookieB: string;
  let cookieOther: string;
  let projectB: { consultant: Staff; controller: Staff };
  let admin: Staff;

  const buyer = (name: string, phone: string, index: number) => ({
    name,
    phone,
    idNumber: idNumberFor(index),
    pledgeNumber: `RC${index}`,
    idVerified: true,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    fx = await buildInventory(db, { floors: 2, perFloor: 2 });
    other = await buildInventory(db, { floors: 1, perFloor: 2 });
    clock = createClock('2026-11-30T02:00:00.000Z');
    app = await buildTestApp(database, clock);
    const opening = async (target: InventoryFixture, name: string, unitIds: string[]) =>
      (await createHourLongOpening(db, target, { name, startsAt: start, unitIds, now: clock.now() })).id;
    eventA = await opening(fx, '首开 A', fx.unitIds.slice(0, 2));
    eventB = await opening(fx, '加推 B', fx.unitIds.slice(2, 4));
    eventOther = await opening(other, '别家开盘', other.unitIds);
    const register = async (target: InventoryFixture, eventId: string, row: ReturnType<typeof buyer>) =>
      (await registerBuyers(db, { actor: target.controller, eventId, buyers: [row], now: clock.now() }))[0]
        .id;
    buyerA = await register(fx, eventA, buyer('周买家', '13900000001', 1));
    buyerB = await register(fx, eventB, buyer('吴买家', '13900000002', 2));
    await register(other, eventOther, buyer('郑买家', '13900000003', 3));
    [cookieA] = await signInBuyers(app, database, eventA, [{ phone: '13900000001' }]);
    [cookieB] = await signInBuyers(app, database, eventB, [{ phone: '13900000002' }]);
    [cookieOther] = await signInBuyers(app, database, eventOther, [{ phone: '13900000003' }]);
    const projectBId = (
      await createProject(db, {
        actor: fx.org.system,
        input: { name: '另一花园', kind: 'sales', city: '深圳', address: '' },
        now: clock.now(),
      })
    ).id;
    projectB = {
      consultant: await buildStaff(db, fx.org, { roles: [{ role: 'consultant', projectId: projectBId }] }),
      controller: await buildStaff(db, fx.org, { roles: [{ role: 'controller', projectId: projectBId }] }),
    };
    admin = await buildStaff(db, fx.org, { roles: ['admin'] });
    clock.set(new Date(start.getTime() + 60_000));
    // Each buyer picks in their own event.
    const pick = (eventId: string, cookie: string, unitId: string) =>
      app.inject({
        method: 'POST',
        url: `/api/public/openings/${eventId}/picks`,
        headers: { cookie },
        payload: { unitId },
      });
    expect((await pick(eventA, cookieA, fx.unitIds[0])).statusCode).toBe(200);
    expect((await pick(eventB, cookieB, fx.unitIds[2])).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const asBuyer = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  async function buyerAnswers(cookie: string, eventId: string, unitId: string) {
    const base = `/api/public/openings/${eventId}`;
    return {
      me: (await asBuyer(cookie, 'GET', `${base}/me`)).statusCode,
      units: (await asBuyer(cookie, 'GET', `${base}/units`)).statusCode,
      pick: (await asBuyer(cookie, 'POST', `${base}/picks`, { unitId })).statusCode,
      live: (await asBuyer(cookie, 'GET', `${base}/live`)).statusCode,
    };
  }

  it("OPEN-SCOPE a buyer's token of event A gets nothing of event B: no overview, no board, no pick, no live stream", async () => {
    expect(await buyerAnswers(cookieA, eventB, fx.unitIds[3])).toEqual({
      me: 401,
      units: 401,
      pick: 401,
      live: 401,
    });
    // And B's token gets nothing of A.
    expect(await buyerAnswers(cookieB, eventA, fx.unitIds[1])).toEqual({
      me: 401,
      units: 401,
      pick: 401,
      live: 401,
    });
  });

  it("OPEN-SCOPE a buyer of another company's event gets nothing of this company's events", async () => {
    expect(await buyerAnswers(cookieOther, eventA, fx.unitIds[1])).toEqual({
      me: 401,
      units: 401,
      pick: 401,
      live: 401,
    });
  });

  it('OPEN-SCOPE nothing was picked by the strangers: the units they tried are still free', async () => {
    const rows = await database.db
      .selectFrom('units')
      .select(['id', 'status', 'openingBuyerId'])
      .where('id', 'in', [fx.unitIds[1], fx.unitIds[3]])
      .execute();
    expect(rows.map((row) => [row.status, row.openingBuyerId])).toEqual([
      ['for_sale', null],
      ['for_sale', null],
    ]);
  });

  it("OPEN-SCOPE a buyer reads only their own registration and picks, and only their own event's board", async () => {
    const me = (await asBuyer(cookieA, 'GET', `/api/public/openings/${eventA}/me`)).json();
    expect(me).toMatchObject({ name: '周**', pledgeNumber: 'RC1', pickCount: 1 });
    expect(me.picks.map((pick: { unitId: string }) => pick.unitId)).toEqual([fx.unitIds[0]]);
    expect(JSON.stringify(me)).not.toContain('吴');
    const units = (await asBuyer(cookieA, 'GET', `/api/public/openings/${eventA}/units`)).json();
    expect(units.units.map((unit: { id: string }) => unit.id).sort()).toEqual(fx.unitIds.slice(0, 2).sort());
    // A unit offered in another event is not offered here, even by its id.
    const stray = await asBuyer(cookieA, 'POST', `/api/public/openings/${eventA}/picks`, {
      unitId: fx.unitIds[3],
    });
    expect(stray.json().error.code).toBe('UNIT_NOT_OFFERED');
    const stored = await database.db
      .selectFrom('openingBuyers')
      .select(['id', 'pickCount'])
      .where('id', 'in', [buyerA, buyerB])
      .orderBy('pledgeNumber')
      .execute();
    expect(stored).toEqual([
      { id: buyerA, pickCount: 1 },
      { id: buyerB, pickCount: 1 },
    ]);
  });

  async function staffAnswers(consultant: Staff, controller: Staff) {
    const viewer = await signIn(app, consultant.username);
    const manager = await signIn(app, controller.username);
    const buyers = await database.db
      .selectFrom('openingBuyers')
      .select('id')
      .where('eventId', '=', eventA)
      .executeTakeFirstOrThrow();
    const update = {
      name: '改名',
      startsAt: new Date(start.getTime() + 86_400_000).toISOString(),
      endsAt: new Date(start.getTime() + 90_000_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: [fx.unitIds[1]],
    };
    return {
      list: (await viewer.request('GET', `/api/openings?projectId=${fx.org.salesProjectId}`)).statusCode,
      detail: (await viewer.request('GET', `/api/openings/${eventA}`)).statusCode,
      update: (await manager.request('PUT', `/api/openings/${eventA}`, update)).statusCode,
      cancel: (await manager.request('POST', `/api/openings/${eventA}/cancel`)).statusCode,
      buyers: (
        await manager.request('POST', `/api/openings/${eventA}/buyers`, {
          buyers: [buyer('冒名', '13900000009', 9)],
        })
      ).statusCode,
      verify: (await manager.request('POST', `/api/openings/buyers/${buyers.id}/verify`)).statusCode,
      create: (
        await manager.request('POST', '/api/openings', {
          projectId: fx.org.salesProjectId,
          ...update,
        })
      ).statusCode,
    };
  }

  const allNotFound = {
    list: 404,
    detail: 404,
    update: 404,
    cancel: 404,
    buyers: 404,
    verify: 404,
    create: 404,
  };

  it("OPEN-SCOPE staff of another project get 404 on the project's openings, their buyers and their creation", async () => {
    expect(await staffAnswers(projectB.consultant, projectB.controller)).toEqual(allNotFound);
  });

  it("OPEN-SCOPE staff of another company get 404 on this company's openings", async () => {
    expect(await staffAnswers(other.consultant, other.controller)).toEqual(allNotFound);
  });

  it('OPEN-SCOPE the administrator neither creates nor cancels an opening', async () => {
    const session = await signIn(app, admin.username);
    const create = await session.request('POST', '/api/openings', {
      projectId: fx.org.salesProjectId,
      name: '管理员开盘',
      startsAt: new Date(start.getTime() + 86_400_000).toISOString(),
      endsAt: new Date(start.getTime() + 90_000_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: [fx.unitIds[1]],
    });
    const cancel = await session.request('POST', `/api/openings/${eventB}/cancel`);
    expect([create.statusCode, cancel.statusCode]).toEqual([403, 403]);
    const event = await database.db
      .selectFrom('openingEvents')
      .select(['id', 'isCancelled'])
      .where('projectId', '=', fx.org.salesProjectId)
      .orderBy('name')
      .execute();
    expect(event.map((row) => Number(row.isCancelled))).toEqual([0, 0]);
  });

  it("OPEN-SCOPE the project's own members still run it", async () => {
    const viewer = await signIn(app, fx.consultant.username);
    const list = await viewer.request('GET', `/api/openings?projectId=${fx.org.salesProjectId}`);
    expect(
      list
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([eventA, eventB].sort());
    const detail = await viewer.request('GET', `/api/openings/${eventA}`);
    expect(detail.statusCode).toBe(200);
    // A consultant sees the buyers' numbers masked; the controller manages them.
    expect(detail.json().buyers[0].phone).toBe('139****0001');
  });
});
