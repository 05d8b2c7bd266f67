import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../server/platform/db/database.js';
import { idNumberFor } from './opening-support.js';

type NewUnitInput = import('../server/modules/inventory/index.js').NewUnitInput;

/**
 * The opening bench's world: a company, a 12,000-unit project, an opening of 2,000 units and its
 * signed-in buyers. Set-up uses the same compiled JavaScript the server runs (build it first).
 */
export async function prepareOpening(database: Database, options: { buyerCount: number; password: string }) {
  const { buyerCount, password } = options;
  const dist = '../dist/server';
  const { systemActor } = (await import(
    `${dist}/platform/auth/actor.js`
  )) as typeof import('../server/platform/auth/actor.js');
  const { newId } = (await import(
    `${dist}/platform/db/ids.js`
  )) as typeof import('../server/platform/db/ids.js');
  const { createBuilding, createProject, insertCompany } = (await import(
    `${dist}/modules/org/index.js`
  )) as typeof import('../server/modules/org/index.js');
  const { createStaff } = (await import(
    `${dist}/modules/staff/index.js`
  )) as typeof import('../server/modules/staff/index.js');
  const { changeSetting } = (await import(
    `${dist}/modules/settings/index.js`
  )) as typeof import('../server/modules/settings/index.js');
  const { createPriceListDraft, createUnits, decidePriceList } = (await import(
    `${dist}/modules/inventory/index.js`
  )) as typeof import('../server/modules/inventory/index.js');
  const { createOpeningEvent, registerBuyers } = (await import(
    `${dist}/modules/opening/index.js`
  )) as typeof import('../server/modules/opening/index.js');
  const { db } = database;
  const now = new Date();
  const companyId = newId();
  await insertCompany(db, {
    id: companyId,
    name: '压测置业',
    shortName: '压测',
    createdAt: now.toISOString(),
  });
  const system = systemActor(companyId);
  // The bench signs in its controller with a password alone.
  await changeSetting(db, {
    actor: system,
    key: 'auth.twoFactorRoles',
    scope: { scopeType: 'company', scopeId: companyId },
    context: { companyId },
    value: [],
    now,
  });
  const opening = await createProject(db, {
    actor: system,
    input: { name: '开盘压测', kind: 'sales', city: '深圳', address: '' },
    now,
  });
  const big = await createProject(db, {
    actor: system,
    input: { name: '万套销控', kind: 'sales', city: '深圳', address: '' },
    now,
  });
  const staff = async (username: string, role: 'controller' | 'manager') =>
    createStaff(db, {
      actor: system,
      now,
      mustChangePassword: false,
      input: {
        username,
        password,
        displayName: username,
        departmentId: null,
        title: '',
        officePhone: '',
        mobile: '',
        isMobileShareable: false,
        locale: 'zh-CN',
        roles: [{ role, projectId: null }],
      },
    });
  const controller = await staff('benchcontroller', 'controller');
  const manager = await staff('benchmanager', 'manager');
  const controllerActor = {
    ...system,
    staffId: controller.id,
    displayName: controller.displayName,
    grants: [{ role: 'controller' as const, projectId: null }],
  };
  const managerActor = {
    ...system,
    staffId: manager.id,
    displayName: manager.displayName,
    grants: [{ role: 'manager' as const, projectId: null }],
  };

  const offered: string[] = [];
  for (let index = 0; index < 4; index++) {
    const building = await createBuilding(db, {
      actor: system,
      projectId: opening.id,
      input: { name: `${index + 1}栋`, floorCount: 25, sortOrder: index },
      now,
    });
    offered.push(
      ...(
        await createUnits(db, {
          actor: controllerActor,
          projectId: opening.id,
          units: unitsOf({ id: building.id, name: building.name }, 25, 20),
          now,
        })
      ).map((unit) => unit.id),
    );
  }
  const draft = await createPriceListDraft(db, {
    actor: controllerActor,
    projectId: opening.id,
    name: '开盘价目表',
    note: '',
    prices: offered.map((unitId, index) => ({ unitId, unitPriceFen: 3_000_000 + (index % 50) * 10_000 })),
    now,
  });
  await decidePriceList(db, {
    actor: managerActor,
    priceListId: draft.id,
    decision: 'approve',
    note: '',
    now,
  });

  const bigUnits: string[] = [];
  for (let index = 0; index < 10; index++) {
    const building = await createBuilding(db, {
      actor: system,
      projectId: big.id,
      input: { name: `${index + 1}栋`, floorCount: 50, sortOrder: index },
      now,
    });
    bigUnits.push(
      ...(
        await createUnits(db, {
          actor: controllerActor,
          projectId: big.id,
          units: unitsOf({ id: building.id, name: building.name }, 50, 20),
          now,
        })
      ).map((unit) => unit.id),
    );
  }

  const event = await createOpeningEvent(db, {
    actor: controllerActor,
    projectId: opening.id,
    input: {
      name: '压测开盘',
      startsAt: new Date(now.getTime() - 60_000).toISOString(),
      endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: offered,
    },
    now,
  });
  await registerBuyers(db, {
    actor: controllerActor,
    eventId: event.id,
    buyers: Array.from({ length: buyerCount }, (_, index) => ({
      name: `买家${index}`,
      phone: `13${String(100_000_000 + index)}`,
      idNumber: idNumberFor(index),
      pledgeNumber: `RC${String(index).padStart(5, '0')}`,
      idVerified: true,
    })),
    now,
  });
  // Every buyer has already signed in with their code (the login path is not what is measured).
  const buyers = await db.selectFrom('openingBuyers').select('id').where('eventId', '=', event.id).execute();
  const tokens: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const buyer of buyers) {
      const token = randomBytes(32).toString('base64url');
      tokens.push(token);
      await trx
        .updateTable('openingBuyers')
        .set({
          sessionHash: createHash('sha256').update(token).digest('hex'),
          sessionExpiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
        })
        .where('id', '=', buyer.id)
        .execute();
    }
  });
  return {
    eventId: event.id,
    offered,
    tokens,
    bigProjectId: big.id,
    bigUnits,
    buyerIds: buyers.map((buyer) => buyer.id),
  };
}

function unitsOf(building: { id: string; name: string }, floors: number, perFloor: number): NewUnitInput[] {
  const units: NewUnitInput[] = [];
  for (let floor = 1; floor <= floors; floor++)
    for (let position = 1; position <= perFloor; position++)
      units.push({
        buildingId: building.id,
        buildingName: building.name,
        floor,
        position,
        number: `${floor}${String(position).padStart(2, '0')}`,
        layout: ['两室两厅', '三室两厅', '四室两厅'][position % 3],
        buildingAreaDm2: 7000 + (position % 5) * 1250,
        innerAreaDm2: 5600 + (position % 5) * 1000,
        orientation: position % 2 ? '南' : '南北',
      });
  return units;
}
