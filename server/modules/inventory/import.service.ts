import type { ImportPreview } from '../../../contracts/inventory.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { createBuilding, findBuildingsWithDoors } from '../org/index.js';
import { mapStatusText } from './import.columns.js';
import { duplicateRowError, type ParsedRow, parseRow } from './import.rules.js';
import { type PriceListSheet, readPriceListWorkbook } from './import.workbook.js';
import { inventoryErrors, statusNames } from './inventory.errors.js';
import * as queries from './inventory.queries.js';
import { formatAreaM2, unitLabel } from './inventory.rules.js';
import { getProjectOfMember, mayAct } from './inventory.service.js';
import type { UnitStatus, UnitsTable } from './inventory.tables.js';
import { createPriceListDraft } from './price-lists.service.js';

export { maxImportRows } from './import.workbook.js';
export const maxImportBytes = 5 * 1024 * 1024;

/** The contract's preview row, with errors and warnings still localized (the route renders them). */
export type PreviewRow = Omit<ImportPreview['rows'][number], 'errors' | 'warnings'> & {
  errors: Localized[];
  warnings: Localized[];
};

interface Analysis {
  rows: Array<
    ParsedRow & {
      sheet: string;
      action: PreviewRow['action'];
      unitId: string | null;
      buildingId: string | null;
    }
  >;
  sheets: PriceListSheet[];
  newBuildings: string[];
  projectId: string;
}

async function analyse(db: Db, actor: Actor, projectId: string, buffer: Buffer): Promise<Analysis> {
  await getProjectOfMember(db, actor, projectId);
  if (!mayAct(actor, projectId, ['controller', 'manager'])) throw new AppError(commonErrors.FORBIDDEN);
  const sheets = await readPriceListWorkbook(buffer);
  const sheetRows = sheets.flatMap((sheet) =>
    sheet.rows.map((row) => ({ ...row, hasFloorColumn: sheet.hasFloorColumn })),
  );
  if (sheetRows.length === 0) throw new AppError(inventoryErrors.IMPORT_EMPTY);
  const buildings = await findBuildingsWithDoors(db, actor, projectId);
  const buildingByName = new Map(buildings.map((building) => [building.name, building.id]));
  const existing = new Map(
    (await queries.findUnitKeysOfProject(db, projectId)).map((unit) => [
      `${unit.buildingId}|${unit.section}|${unit.number}`,
      unit,
    ]),
  );
  const firstRowOf = new Map<string, number>();
  const newBuildings = new Set<string>();
  const rows: Analysis['rows'] = sheetRows.map((row) => {
    const parsed = parseRow(row.rowNumber, { ...row.cells, building: row.building }, row.refs, {
      hasFloorColumn: row.hasFloorColumn,
    });
    const key = `${parsed.building}|${parsed.section}|${parsed.number}`;
    const first = firstRowOf.get(key);
    if (first !== undefined && parsed.building && parsed.number) parsed.errors.push(duplicateRowError(first));
    else firstRowOf.set(key, row.rowNumber);
    const buildingId = buildingByName.get(parsed.building) ?? null;
    const current = buildingId ? existing.get(`${buildingId}|${parsed.section}|${parsed.number}`) : undefined;
    let action: PreviewRow['action'] = current ? 'unchanged' : 'create';
    if (current) {
      const changed = current.buildingAreaDm2 !== parsed.buildingAreaDm2 || current.floor !== parsed.floor;
      if (changed && !['not_for_sale', 'for_sale', 'reserved'].includes(current.status))
        parsed.errors.push(
          localized(
            '该房号已锁定或成交,不能修改面积或楼层',
            '該房號已鎖定或成交,不能修改面積或樓層',
            'the unit is held or sold: its area and floor cannot change',
          ),
        );
      action = 'update';
      if (parsed.statusText && parsed.status !== current.status)
        parsed.warnings.push(
          localized(
            `系统中该房号为“${statusNames[current.status]['zh-CN']}”,导入不改变其状态`,
            `系統中該房號為「${statusNames[current.status]['zh-TW']}」,匯入不改變其狀態`,
            `the unit is "${statusNames[current.status].en}" here; the import does not change its status`,
          ),
        );
    }
    if (!buildingId && parsed.building && parsed.errors.length === 0) newBuildings.add(parsed.building);
    return {
      ...parsed,
      sheet: row.sheet,
      action: parsed.errors.length ? 'error' : action,
      unitId: current?.id ?? null,
      buildingId,
    };
  });
  return { rows, sheets, newBuildings: [...newBuildings], projectId };
}

function toPreviewRow(row: Analysis['rows'][number]): PreviewRow {
  return {
    rowNumber: row.rowNumber,
    building: row.building,
    section: row.section,
    floor: row.floor,
    number: row.number,
    layout: row.layout,
    buildingArea: row.buildingAreaDm2 === null ? null : formatAreaM2(row.buildingAreaDm2),
    innerArea: row.innerAreaDm2 === null ? null : formatAreaM2(row.innerAreaDm2),
    orientation: row.orientation,
    unitPriceFen: row.unitPriceFen,
    totalFen: row.totalFen,
    sheet: row.sheet,
    status: row.status,
    statusText: row.statusText,
    soldBeforeSystem: row.soldBeforeSystem && row.action === 'create',
    action: row.action,
    errors: row.errors,
    warnings: row.warnings,
  };
}

/** What an import would do, row by row, without changing anything. */
export async function previewUnitImport(db: Db, options: { actor: Actor; projectId: string; file: Buffer }) {
  const analysis = await analyse(db, options.actor, options.projectId, options.file);
  const rows = analysis.rows.map(toPreviewRow);
  const statusMapping = new Map<string, { text: string; status: UnitStatus; count: number }>();
  for (const row of rows) {
    // A word that maps to no status is an error on its row, not a line of the mapping.
    if (!mapStatusText(row.statusText)) continue;
    const entry = statusMapping.get(row.statusText) ?? { text: row.statusText, status: row.status, count: 0 };
    entry.count += 1;
    statusMapping.set(row.statusText, entry);
  }
  const count = (list: PreviewRow[], test: (row: PreviewRow) => boolean) => list.filter(test).length;
  return {
    rows,
    newBuildings: analysis.newBuildings,
    sheets: analysis.sheets.map((sheet) => {
      const own = rows.filter((row) => row.sheet === sheet.name);
      return {
        name: sheet.name,
        hidden: sheet.state !== 'visible',
        headerRow: sheet.headerRow,
        skipped: sheet.skipped,
        rows: own.length,
        create: count(own, (row) => row.action === 'create'),
        update: count(own, (row) => row.action === 'update'),
        error: count(own, (row) => row.action === 'error'),
        soldBeforeSystem: count(own, (row) => row.soldBeforeSystem && row.action !== 'error'),
      };
    }),
    statusMapping: [...statusMapping.values()],
    summary: {
      total: rows.length,
      create: count(rows, (row) => row.action === 'create'),
      update: count(rows, (row) => row.action === 'update'),
      error: count(rows, (row) => row.action === 'error'),
      priced: count(rows, (row) => row.action !== 'error' && row.unitPriceFen !== null),
      soldBeforeSystem: count(rows, (row) => row.soldBeforeSystem && row.action !== 'error'),
      warnings: rows.reduce((sum, row) => sum + row.warnings.length, 0),
    },
  };
}

/**
 * Imports the sheet. With errors and mode 'all' nothing changes; 'valid_only' imports the good
 * rows. New buildings are created first (each through the organisation's own use case); units
 * go in one transaction; prices become a DRAFT price list that a manager must approve.
 */
export async function commitUnitImport(
  db: Db,
  options: {
    actor: Actor;
    projectId: string;
    file: Buffer;
    mode: 'all' | 'valid_only';
    priceListName: string;
    now: Date;
  },
) {
  const { actor, projectId, now } = options;
  const analysis = await analyse(db, actor, projectId, options.file);
  const errors = analysis.rows.filter((row) => row.action === 'error');
  if (errors.length && options.mode === 'all')
    throw new AppError(inventoryErrors.IMPORT_HAS_ERRORS, { count: errors.length });
  const good = analysis.rows.filter((row) => row.action !== 'error');
  if (good.length === 0) throw new AppError(inventoryErrors.IMPORT_EMPTY);

  const buildingIds = new Map<string, string>();
  for (const name of analysis.newBuildings) {
    const floors = Math.max(...good.filter((row) => row.building === name).map((row) => row.floor ?? 1));
    const building = await createBuilding(db, {
      actor,
      projectId,
      input: { name, floorCount: Math.min(200, Math.max(1, floors)), sortOrder: 0 },
      now,
    });
    buildingIds.set(name, building.id);
  }
  const nowIso = now.toISOString();
  // Units without a number pattern (A01, 商铺1) take the next free column of their floor.
  const nextPosition = new Map<string, number>();
  const created: UnitsTable[] = [];
  let updated = 0;
  let unchanged = 0;
  const result = await db.transaction().execute(async (trx) => {
    for (const row of good) {
      const buildingId = row.buildingId ?? buildingIds.get(row.building)!;
      const floorKey = `${buildingId}|${row.floor}`;
      const position = row.position ?? (nextPosition.get(floorKey) ?? 50) + 1;
      nextPosition.set(floorKey, Math.max(position, nextPosition.get(floorKey) ?? 50));
      if (row.unitId) {
        await queries.updateUnitAttributes(trx, row.unitId, {
          floor: row.floor!,
          position,
          layout: row.layout,
          buildingAreaDm2: row.buildingAreaDm2!,
          innerAreaDm2: row.innerAreaDm2!,
          orientation: row.orientation,
        });
        updated += 1;
        continue;
      }
      created.push({
        id: newId(),
        projectId,
        buildingId,
        section: row.section,
        floor: row.floor!,
        position,
        number: row.number,
        label: unitLabel(row.building, row.section, row.number),
        layout: row.layout,
        buildingAreaDm2: row.buildingAreaDm2!,
        innerAreaDm2: row.innerAreaDm2!,
        orientation: row.orientation,
        listUnitPriceFen: null,
        listTotalFen: null,
        priceListId: null,
        priceListVersion: null,
        // Units are on sale at once unless the sheet's 状态 says otherwise (sold, subscribed,
        // reserved …); their price applies when a manager approves the list.
        status: row.status,
        holderStaffId: null,
        holdCustomerId: null,
        holdExpiresAt: null,
        buyerCustomerId: null,
        openingEventId: null,
        openingBuyerId: null,
        statusChangedAt: nowIso,
        version: 1,
        createdAt: nowIso,
        soldBeforeSystem: row.soldBeforeSystem ? 1 : 0,
      });
    }
    await queries.insertUnits(trx, created);
    unchanged = 0;
    await publishLive(
      trx,
      { topic: `board:${projectId}`, type: 'board.reload', payload: { reason: 'import' } },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'unit_import',
      entityId: newId(),
      projectId,
      action: 'import',
      after: {
        created: created.length,
        updated,
        skippedRows: errors.map((row) => row.rowNumber),
        createdUnitIds: created.map((unit) => unit.id),
        soldBeforeSystemUnitIds: created.filter((unit) => unit.soldBeforeSystem).map((unit) => unit.id),
      },
    });
    return {
      created: created.length,
      updated,
      unchanged,
      skipped: errors.length,
      soldBeforeSystem: created.filter((unit) => unit.soldBeforeSystem).length,
    };
  });

  let priceListId: string | null = null;
  const priced = good.filter((row) => row.unitPriceFen !== null);
  if (priced.length) {
    const idByKey = new Map(
      (await queries.findUnitKeysOfProject(db, projectId)).map((unit) => [
        `${unit.buildingId}|${unit.section}|${unit.number}`,
        unit.id,
      ]),
    );
    const prices = priced.map((row) => ({
      unitId: idByKey.get(`${row.buildingId ?? buildingIds.get(row.building)}|${row.section}|${row.number}`)!,
      unitPriceFen: row.unitPriceFen!,
    }));
    const draft = await createPriceListDraft(db, {
      actor,
      projectId,
      name: options.priceListName,
      note: '',
      prices,
      now,
    });
    priceListId = draft.id;
  }
  return { ...result, newBuildings: analysis.newBuildings, priceListId };
}
