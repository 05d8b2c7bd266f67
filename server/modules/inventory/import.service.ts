import type ExcelJS from 'exceljs';
import type { Localized } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { createBuilding, findBuildingsWithDoors, getVisibleProject } from '../org/index.js';
import {
  duplicateRowError,
  type ImportColumn,
  mapHeaders,
  type ParsedRow,
  parseRow,
  type SheetCell,
} from './import.rules.js';
import { inventoryErrors } from './inventory.errors.js';
import * as queries from './inventory.queries.js';
import { formatAreaM2, isRoleAllowed, unitLabel } from './inventory.rules.js';
import { rolesInProject } from './inventory.service.js';
import type { UnitsTable } from './inventory.tables.js';
import { createPriceListDraft } from './price-lists.service.js';

export const maxImportRows = 10_000;
export const maxImportBytes = 5 * 1024 * 1024;

function cellValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) return { formula: true };
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
  }
  return null;
}

/** Reads the first sheet: header row, then data rows (blank rows skipped). Refuses non-xlsx and oversize files. */
export async function readUnitSheet(
  buffer: Buffer,
): Promise<{ headers: string[]; rows: Array<{ rowNumber: number; cells: SheetCell[] }> }> {
  if (buffer.length > maxImportBytes) throw new AppError(commonErrors.PAYLOAD_TOO_LARGE);
  // An .xlsx is a zip: anything else (csv, old .xls, junk) is refused before exceljs sees it.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50)
    throw new AppError(inventoryErrors.IMPORT_UNREADABLE);
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError(inventoryErrors.IMPORT_UNREADABLE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(inventoryErrors.IMPORT_EMPTY);
  if (sheet.actualRowCount > maxImportRows + 1)
    throw new AppError(inventoryErrors.IMPORT_TOO_MANY_ROWS, { max: maxImportRows });
  const headers: string[] = [];
  const rows: Array<{ rowNumber: number; cells: SheetCell[] }> = [];
  let headerFound = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    if (!headerFound) {
      headerFound = true;
      for (let index = 0; index < cells.length; index++)
        headers[index] =
          typeof cells[index] === 'string' ? (cells[index] as string) : String(cells[index] ?? '');
      return;
    }
    if (cells.every((cell) => cell === null || cell === undefined || cell === '')) return;
    rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}

export interface PreviewRow {
  rowNumber: number;
  building: string;
  section: string;
  floor: number | null;
  number: string;
  layout: string;
  buildingArea: string | null;
  innerArea: string | null;
  orientation: string;
  unitPriceFen: number | null;
  totalFen: number | null;
  action: 'create' | 'update' | 'unchanged' | 'error';
  errors: Localized[];
}

interface Analysis {
  rows: Array<ParsedRow & { action: PreviewRow['action']; unitId: string | null; buildingId: string | null }>;
  newBuildings: string[];
  projectId: string;
}

async function analyse(db: Db, actor: Actor, projectId: string, buffer: Buffer): Promise<Analysis> {
  await getVisibleProject(db, actor, projectId);
  if (!isRoleAllowed(rolesInProject(actor, projectId), ['controller', 'manager']))
    throw new AppError(commonErrors.FORBIDDEN);
  const sheet = await readUnitSheet(buffer);
  const { columns, missing } = mapHeaders(sheet.headers);
  if (missing.length) {
    const names = missing.map(
      (key) =>
        ({
          building: '楼栋',
          floor: '楼层',
          number: '房号',
          buildingArea: '建筑面积',
          innerArea: '套内面积',
        })[key as string] ?? key,
    );
    throw new AppError(inventoryErrors.IMPORT_COLUMNS_MISSING, { columns: names.join('、') });
  }
  if (sheet.rows.length === 0) throw new AppError(inventoryErrors.IMPORT_EMPTY);
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
  const rows: Analysis['rows'] = sheet.rows.map(({ rowNumber, cells }) => {
    const picked: Partial<Record<ImportColumn, SheetCell>> = {};
    for (const [key, index] of Object.entries(columns) as Array<[ImportColumn, number]>)
      picked[key] = cells[index] ?? null;
    const parsed = parseRow(rowNumber, picked);
    const key = `${parsed.building}|${parsed.section}|${parsed.number}`;
    const first = firstRowOf.get(key);
    if (first !== undefined && parsed.building && parsed.number) parsed.errors.push(duplicateRowError(first));
    else firstRowOf.set(key, rowNumber);
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
    }
    if (!buildingId && parsed.building && parsed.errors.length === 0) newBuildings.add(parsed.building);
    return {
      ...parsed,
      action: parsed.errors.length ? 'error' : action,
      unitId: current?.id ?? null,
      buildingId,
    };
  });
  return { rows, newBuildings: [...newBuildings], projectId };
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
    action: row.action,
    errors: row.errors,
  };
}

/** What an import would do, row by row, without changing anything. */
export async function previewUnitImport(db: Db, options: { actor: Actor; projectId: string; file: Buffer }) {
  const analysis = await analyse(db, options.actor, options.projectId, options.file);
  const rows = analysis.rows.map(toPreviewRow);
  return {
    rows,
    newBuildings: analysis.newBuildings,
    summary: {
      total: rows.length,
      create: rows.filter((row) => row.action === 'create').length,
      update: rows.filter((row) => row.action === 'update').length,
      error: rows.filter((row) => row.action === 'error').length,
      priced: rows.filter((row) => row.action !== 'error' && row.unitPriceFen !== null).length,
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
        // Imported units are on sale at once; their price applies when a manager approves the list.
        status: 'for_sale',
        holderStaffId: null,
        holdCustomerId: null,
        holdExpiresAt: null,
        buyerCustomerId: null,
        openingEventId: null,
        openingBuyerId: null,
        statusChangedAt: nowIso,
        version: 1,
        createdAt: nowIso,
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
      },
    });
    return { created: created.length, updated, unchanged, skipped: errors.length };
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
