import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { buildOrg, buildStaff, type TestOrg } from '../../../testing/factories.js';
import type { CustomersTable } from '../../customers/index.js';
import { createBuilding } from '../../org/index.js';
import { createUnits, type NewUnitInput } from '../inventory.service.js';

/** A whole customers row: no intent, no consents, not erased; `fields` gives the rest and may override any default. */
export function customerRow(
  fields: Pick<
    CustomersTable,
    'id' | 'companyId' | 'projectId' | 'name' | 'namePinyin' | 'nameInitials' | 'ownerStaffId' | 'ownedSince'
  > &
    Pick<CustomersTable, 'unsubscribeToken' | 'createdBy' | 'createdAt' | 'updatedAt'> &
    Partial<CustomersTable>,
): CustomersTable {
  return {
    protectedUntil: null,
    gender: 'unknown',
    category: 'normal',
    keyKind: null,
    sourceChannelId: null,
    intentLayout: '',
    intentAreaMin: null,
    intentAreaMax: null,
    intentBudgetFen: null,
    intentPurpose: '',
    notes: '',
    hasContactConsent: 0,
    contactConsentAt: null,
    contactConsentVia: null,
    hasMarketingConsent: 0,
    marketingConsentAt: null,
    marketingConsentVia: null,
    isPhoneRefused: 0,
    firstContact: 'manual',
    locale: 'zh-CN',
    movedInAt: null,
    importId: null,
    isErased: 0,
    erasedAt: null,
    ...fields,
  };
}

/** Test data: a customer row of a project (inserted directly, as the customers module's own tests do not need to run). */
export async function buildCustomer(
  db: Db,
  org: Pick<TestOrg, 'companyId'>,
  options: { projectId: string; ownerStaffId: string | null; name?: string },
) {
  const id = newId();
  const at = '2026-11-27T02:00:00.000Z';
  const row = customerRow({
    id,
    companyId: org.companyId,
    projectId: options.projectId,
    name: options.name ?? `客户${id.slice(0, 4)}`,
    namePinyin: 'kehu',
    nameInitials: 'kh',
    ownerStaffId: options.ownerStaffId,
    ownedSince: at,
    unsubscribeToken: newId(),
    createdBy: options.ownerStaffId ?? 'system',
    createdAt: at,
    updatedAt: at,
  });
  await db
    .insertInto('customers')
    .values(row as never)
    .execute();
  return id;
}

export interface InventoryFixture {
  org: TestOrg;
  controller: Actor & { username: string };
  manager: Actor & { username: string };
  manager2: Actor & { username: string };
  consultant: Actor & { username: string };
  consultant2: Actor & { username: string };
  buildingId: string;
  unitIds: string[];
}

/** An org with sales staff in every inventory role and one building of `floors` × `perFloor` units (89.50 m², for sale). */
export async function buildInventory(
  db: Db,
  options: { floors?: number; perFloor?: number; now?: Date } = {},
): Promise<InventoryFixture> {
  const now = options.now ?? new Date('2026-11-27T02:00:00.000Z');
  const org = await buildOrg(db, now);
  const grant = (role: 'controller' | 'manager' | 'consultant') => ({
    roles: [{ role, projectId: org.salesProjectId }],
  });
  const controller = await buildStaff(db, org, { ...grant('controller'), displayName: '李销控' });
  const manager = await buildStaff(db, org, { ...grant('manager'), displayName: '王经理' });
  const manager2 = await buildStaff(db, org, { ...grant('manager'), displayName: '赵经理' });
  const consultant = await buildStaff(db, org, { ...grant('consultant'), displayName: '张顾问' });
  const consultant2 = await buildStaff(db, org, { ...grant('consultant'), displayName: '刘顾问' });
  const floors = options.floors ?? 3;
  const perFloor = options.perFloor ?? 2;
  const building = await createBuilding(db, {
    actor: org.system,
    projectId: org.salesProjectId,
    input: { name: '1栋', floorCount: floors, sortOrder: 0 },
    now,
  });
  const units: NewUnitInput[] = [];
  for (let floor = 1; floor <= floors; floor++)
    for (let position = 1; position <= perFloor; position++)
      units.push({
        buildingId: building.id,
        buildingName: '1栋',
        floor,
        position,
        number: `${floor}${String(position).padStart(2, '0')}`,
        layout: position % 2 ? '三室两厅' : '两室两厅',
        buildingAreaDm2: 8950,
        innerAreaDm2: 7210,
        orientation: '南',
      });
  const rows = await createUnits(db, { actor: controller, projectId: org.salesProjectId, units, now });
  return {
    org,
    controller,
    manager,
    manager2,
    consultant,
    consultant2,
    buildingId: building.id,
    unitIds: rows.map((row) => row.id),
  };
}
