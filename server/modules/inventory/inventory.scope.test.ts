import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff } from '../../testing/factories.js';
import { buildTestApp, createClock, sessionsOf } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createBuilding, createProject } from '../org/index.js';
import { createUnits, holdUnit } from './inventory.service.js';
import { createPriceListDraft } from './price-lists.service.js';
import { buildCustomer, buildInventory, type InventoryFixture } from './testing/index.js';

const now = new Date('2026-11-27T02:00:00.000Z');
type Staff = Actor & { username: string };

/**
 * The project scope of inventory (units, the board, price lists, imports): the members of the
 * project see and act on its objects; staff of another project of the company, or of another
 * company, get 404 — the objects do not exist for them — and the administrator has no pass.
 */
describe('inventory: object scope (project)', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let fx: InventoryFixture;
  let other: InventoryFixture;
  let projectB: string;
  let staffB: { consultant: Staff; controller: Staff; manager: Staff };
  let admin: Staff;
  let unitsB: string[];
  let priceListA: string;
  let priceListB: string;
  let customerA: string;
  const as = sessionsOf(() => app);

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    fx = await buildInventory(db, { floors: 2, perFloor: 2 });
    other = await buildInventory(db, { floors: 1, perFloor: 2 });
    projectB = (
      await createProject(db, {
        actor: fx.org.system,
        input: { name: '另一花园', kind: 'sales', city: '深圳', address: '' },
        now,
      })
    ).id;
    const inB = (role: 'consultant' | 'controller' | 'manager') =>
      buildStaff(db, fx.org, { roles: [{ role, projectId: projectB }] });
    staffB = {
      consultant: await inB('consultant'),
      controller: await inB('controller'),
      manager: await inB('manager'),
    };
    admin = await buildStaff(db, fx.org, { roles: ['admin'] });
    const building = await createBuilding(db, {
      actor: fx.org.system,
      projectId: projectB,
      input: { name: '9栋', floorCount: 1, sortOrder: 0 },
      now,
    });
    unitsB = (
      await createUnits(db, {
        actor: staffB.controller,
        projectId: projectB,
        units: [
          {
            buildingId: building.id,
            buildingName: '9栋',
            floor: 1,
            position: 1,
            number: '101',
            layout: '两室',
            buildingAreaDm2: 8000,
            innerAreaDm2: 7000,
            orientation: '南',
          },
        ],
        now,
      })
    ).map((row) => row.id);
    priceListB = (
      await createPriceListDraft(db, {
        actor: staffB.controller,
        projectId: projectB,
        name: 'B 价目表',
        note: '',
        prices: [{ unitId: unitsB[0], unitPriceFen: 2_000_000 }],
        now,
      })
    ).id;
    priceListA = (
      await createPriceListDraft(db, {
        actor: fx.controller,
        projectId: fx.org.salesProjectId,
        name: 'A 价目表',
        note: '',
        prices: [{ unitId: fx.unitIds[1], unitPriceFen: 3_000_000 }],
        now,
      })
    ).id;
    customerA = await buildCustomer(db, fx.org, {
      projectId: fx.org.salesProjectId,
      ownerStaffId: fx.consultant.staffId,
    });
    await holdUnit(db, { actor: fx.consultant, unitId: fx.unitIds[0], customerId: customerA, now });
    app = await buildTestApp(database, createClock(now));
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  /** Every inventory route of project A's objects, called as the given outsiders (by the role the route needs). */
  async function answersOfOutsider(outsider: { consultant: Staff; controller: Staff; manager: Staff }) {
    const projectA = fx.org.salesProjectId;
    const unit = fx.unitIds[0];
    const { consultant, controller, manager } = {
      consultant: await as(outsider.consultant),
      controller: await as(outsider.controller),
      manager: await as(outsider.manager),
    };
    const calls: Array<[string, Promise<{ statusCode: number }>]> = [
      ['board', consultant.request('GET', `/api/inventory/projects/${projectA}/board`)],
      ['board export', consultant.request('GET', `/api/inventory/projects/${projectA}/board/export`)],
      ['unit', consultant.request('GET', `/api/inventory/units/${unit}`)],
      [
        'hold',
        consultant.request('POST', `/api/inventory/units/${fx.unitIds[2]}/hold`, { customerId: customerA }),
      ],
      ['release', controller.request('POST', `/api/inventory/units/${unit}/release`, { reason: '测试' })],
      [
        'extend',
        controller.request('POST', `/api/inventory/units/${unit}/extend`, { minutes: 30, reason: '测试' }),
      ],
      [
        'status',
        controller.request('POST', `/api/inventory/units/${fx.unitIds[3]}/status`, {
          from: 'for_sale',
          to: 'reserved',
          reason: '测试',
        }),
      ],
      ['price lists', consultant.request('GET', `/api/inventory/projects/${projectA}/price-lists`)],
      ['price list', consultant.request('GET', `/api/inventory/price-lists/${priceListA}`)],
      [
        'price list create',
        controller.request('POST', `/api/inventory/projects/${projectA}/price-lists`, {
          name: '越权',
          prices: [{ unitId: fx.unitIds[2], unitPrice: '10000' }],
        }),
      ],
      ['approve', manager.request('POST', `/api/inventory/price-lists/${priceListA}/approve`, {})],
      ['reject', manager.request('POST', `/api/inventory/price-lists/${priceListA}/reject`, {})],
      [
        'import preview',
        controller.upload(`/api/inventory/projects/${projectA}/import/preview`, Buffer.from('x')),
      ],
      [
        'import commit',
        controller.upload(`/api/inventory/projects/${projectA}/import/commit`, Buffer.from('x')),
      ],
    ];
    const answers: Record<string, number> = {};
    for (const [name, call] of calls) answers[name] = (await call).statusCode;
    return answers;
  }

  it('SCOPE-project: staff of another project of the company get 404 on every unit, board, price-list and import route of the project', async () => {
    const answers = await answersOfOutsider(staffB);
    expect(Object.keys(answers)).toHaveLength(14);
    for (const [route, status] of Object.entries(answers))
      expect({ route, status }).toEqual({ route, status: 404 });
  });

  it('SCOPE-project: staff of another company get 404 on the same routes', async () => {
    const answers = await answersOfOutsider({
      consultant: other.consultant,
      controller: other.controller,
      manager: other.manager,
    });
    for (const [route, status] of Object.entries(answers))
      expect({ route, status }).toEqual({ route, status: 404 });
  });

  it('SCOPE-project: nothing changed for the outsiders: the hold, the free units and the draft price list stand', async () => {
    const session = await as(fx.controller);
    const board = (
      await session.request('GET', `/api/inventory/projects/${fx.org.salesProjectId}/board`)
    ).json();
    const cells = board.buildings.flatMap(
      (building: { units: Array<{ i: string; s: string }> }) => building.units,
    );
    expect(Object.fromEntries(cells.map((cell: { i: string; s: string }) => [cell.i, cell.s]))).toEqual({
      [fx.unitIds[0]]: 'held',
      [fx.unitIds[1]]: 'for_sale',
      [fx.unitIds[2]]: 'for_sale',
      [fx.unitIds[3]]: 'for_sale',
    });
    const list = (await session.request('GET', `/api/inventory/price-lists/${priceListA}`)).json();
    expect(list.priceList.status).toBe('draft');
  });

  it('SCOPE-project: members see their project: the board holds only its units, the price lists only its own', async () => {
    const session = await as(fx.consultant);
    const board = await session.request('GET', `/api/inventory/projects/${fx.org.salesProjectId}/board`);
    expect(board.statusCode).toBe(200);
    const unitIds = board
      .json()
      .buildings.flatMap((building: { units: Array<{ i: string }> }) => building.units.map((unit) => unit.i));
    expect(unitIds.sort()).toEqual([...fx.unitIds].sort());
    const lists = await session.request(
      'GET',
      `/api/inventory/projects/${fx.org.salesProjectId}/price-lists`,
    );
    expect(lists.json().items.map((item: { id: string }) => item.id)).toEqual([priceListA]);
    const unit = await session.request('GET', `/api/inventory/units/${fx.unitIds[0]}`);
    expect(unit.statusCode).toBe(200);
    // And project B's members see B's, not A's.
    const listsB = await (await as(staffB.consultant)).request(
      'GET',
      `/api/inventory/projects/${projectB}/price-lists`,
    );
    expect(listsB.json().items.map((item: { id: string }) => item.id)).toEqual([priceListB]);
    expect(
      (await (await as(staffB.consultant)).request('GET', `/api/inventory/units/${unitsB[0]}`)).statusCode,
    ).toBe(200);
  });

  it('SCOPE-admin: the administrator holds no unit, moves no status and makes or approves no price list', async () => {
    const session = await as(admin);
    const projectA = fx.org.salesProjectId;
    const answers = {
      hold: (
        await session.request('POST', `/api/inventory/units/${fx.unitIds[2]}/hold`, { customerId: customerA })
      ).statusCode,
      status: (
        await session.request('POST', `/api/inventory/units/${fx.unitIds[3]}/status`, {
          from: 'for_sale',
          to: 'reserved',
          reason: '测试',
        })
      ).statusCode,
      create: (
        await session.request('POST', `/api/inventory/projects/${projectA}/price-lists`, {
          name: '管理员',
          prices: [{ unitId: fx.unitIds[2], unitPrice: '10000' }],
        })
      ).statusCode,
      approve: (await session.request('POST', `/api/inventory/price-lists/${priceListA}/approve`, {}))
        .statusCode,
    };
    expect(answers).toEqual({ hold: 403, status: 403, create: 403, approve: 403 });
    // The sales-control board is not the administrator's either.
    const board = await session.request('GET', `/api/inventory/projects/${projectA}/board`);
    expect(board.statusCode).toBe(403);
  });
});
