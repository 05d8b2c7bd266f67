import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { findStaffNames } from '../staff/index.js';
import { inventoryErrors } from './inventory.errors.js';
import * as queries from './inventory.queries.js';
import { computeTotalFen } from './inventory.rules.js';
import { getProjectOfMember, mayAct } from './inventory.service.js';
import type { PriceListStatus } from './inventory.tables.js';

const priceListEntity = localized('价目表', '價目表', 'Price list');
const statusWords: Record<PriceListStatus, ReturnType<typeof localized>> = {
  draft: localized('草稿', '草稿', 'a draft'),
  approved: localized('审批通过', '審批通過', 'approved'),
  rejected: localized('驳回', '駁回', 'rejected'),
  superseded: localized('被新版本取代', '被新版本取代', 'superseded'),
};

function assertRole(actor: Actor, projectId: string, roles: readonly Role[]) {
  if (!mayAct(actor, projectId, roles)) throw new AppError(commonErrors.FORBIDDEN);
}

export interface PriceInput {
  unitId: string;
  unitPriceFen: number;
}

/**
 * Drafts a new price-list version (价目表) from unit prices per m²; each total is computed here
 * (area × unit price, rounded to the fen), never taken from the client. Nothing applies until a
 * manager approves it.
 */
export async function createPriceListDraft(
  db: Db,
  options: { actor: Actor; projectId: string; name: string; note: string; prices: PriceInput[]; now: Date },
) {
  const { actor, projectId, now } = options;
  await getProjectOfMember(db, actor, projectId);
  assertRole(actor, projectId, ['controller', 'manager']);
  if (options.prices.length === 0) throw new AppError(inventoryErrors.PRICE_LIST_EMPTY);
  const units = new Map((await queries.findUnitKeysOfProject(db, projectId)).map((unit) => [unit.id, unit]));
  const fields: Record<string, ReturnType<typeof localized>> = {};
  const seen = new Set<string>();
  options.prices.forEach((price, index) => {
    if (!units.has(price.unitId))
      fields[`prices.${index}.unitId`] = localized(
        '房号不属于本项目。',
        '房號不屬於本項目。',
        'The unit is not in this project.',
      );
    else if (seen.has(price.unitId))
      fields[`prices.${index}.unitId`] = localized('房号重复。', '房號重複。', 'The unit appears twice.');
    seen.add(price.unitId);
  });
  if (Object.keys(fields).length) throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
  return db.transaction().execute(async (trx) => {
    const version = await queries.nextPriceListVersion(trx, projectId);
    const row = {
      id: newId(),
      projectId,
      version,
      name: options.name,
      note: options.note,
      status: 'draft' as const,
      itemCount: options.prices.length,
      createdBy: actor.staffId,
      createdAt: now.toISOString(),
      decidedBy: null,
      decidedAt: null,
      decisionNote: '',
    };
    await queries.insertPriceList(trx, row);
    await queries.insertPriceListItems(
      trx,
      options.prices.map((price) => ({
        priceListId: row.id,
        unitId: price.unitId,
        unitPriceFen: price.unitPriceFen,
        totalFen: computeTotalFen(units.get(price.unitId)!.buildingAreaDm2, price.unitPriceFen),
      })),
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'price_list',
      entityId: row.id,
      projectId,
      action: 'create',
      after: row,
    });
    return row;
  });
}

async function getPriceListInProject(db: Db, actor: Actor, priceListId: string) {
  const row = await queries.findPriceListRow(db, priceListId);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: priceListEntity });
  await getProjectOfMember(db, actor, row.projectId, priceListEntity);
  return row;
}

export async function findPriceLists(db: Db, actor: Actor, projectId: string) {
  await getProjectOfMember(db, actor, projectId);
  const rows = await queries.findPriceListsOfProject(db, projectId);
  const names = await findStaffNames(
    db,
    rows.flatMap((row) => [row.createdBy, row.decidedBy].filter((id): id is string => id !== null)),
  );
  return rows.map((row) => ({
    ...row,
    createdByName: names.get(row.createdBy) ?? null,
    decidedByName: row.decidedBy ? (names.get(row.decidedBy) ?? null) : null,
  }));
}

export async function getPriceListWithItems(db: Db, actor: Actor, priceListId: string) {
  const priceList = await getPriceListInProject(db, actor, priceListId);
  const items = await queries.findPriceListItems(db, priceListId);
  return { priceList, items };
}

/**
 * A manager (not the list's author) approves a draft: it becomes the project's current list and
 * its prices are written onto the units with the list id and version, so every unit's price is
 * traceable to the approved list that set it.
 */
export async function decidePriceList(
  db: Db,
  options: { actor: Actor; priceListId: string; decision: 'approve' | 'reject'; note: string; now: Date },
) {
  const { actor, now } = options;
  const priceList = await getPriceListInProject(db, actor, options.priceListId);
  assertRole(actor, priceList.projectId, ['manager']);
  if (priceList.status !== 'draft')
    throw new AppError(inventoryErrors.PRICE_LIST_NOT_DRAFT, {
      version: priceList.version,
      status: statusWords[priceList.status][actor.locale],
    });
  if (options.decision === 'approve' && priceList.createdBy === actor.staffId)
    throw new AppError(inventoryErrors.PRICE_LIST_SELF_APPROVAL);
  return db.transaction().execute(async (trx) => {
    const status: 'approved' | 'rejected' = options.decision === 'approve' ? 'approved' : 'rejected';
    const won = await queries.decidePriceListIf(trx, priceList.id, {
      status,
      decidedBy: actor.staffId,
      decidedAt: now.toISOString(),
      decisionNote: options.note,
    });
    if (!won) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    if (status === 'approved') {
      await queries.supersedeApprovedLists(trx, priceList.projectId, priceList.id);
      await queries.applyPriceListToUnits(trx, priceList);
      await publishLive(
        trx,
        {
          topic: `board:${priceList.projectId}`,
          type: 'board.reload',
          payload: { reason: 'price_list', priceListId: priceList.id },
        },
        now,
      );
    }
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'price_list',
      entityId: priceList.id,
      projectId: priceList.projectId,
      action: options.decision,
      before: { status: 'draft' },
      after: { status, note: options.note },
    });
    return {
      ...priceList,
      status,
      decidedBy: actor.staffId,
      decidedAt: now.toISOString(),
      decisionNote: options.note,
    };
  });
}
