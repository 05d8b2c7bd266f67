import type { Locale, Localized } from '../../../contracts/locales.js';
import type { ResidentImport, ResidentImportProblem } from '../../../contracts/residents.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { openXlsx } from '../../platform/excel/xlsx-reader.js';
import { scheduleJob } from '../../platform/jobs/index.js';
import { writeAudit } from '../audit/index.js';
import { getProjectById } from '../org/index.js';
import { residentErrors } from './residents.errors.js';
import { readResidentCell } from './residents.import-cells.js';
import {
  type ImportedResident,
  matchResidentHeader,
  parseResidentRow,
  type ResidentColumn,
} from './residents.import-rules.js';
import * as queries from './residents.queries.js';
import { placeKey, placeKeyOf } from './residents.rules.js';
import { assertRegisterProject, assertSeesResident, residentCondition } from './residents.scope.js';
import type { ResidentImportsTable } from './residents.tables.js';

/** A header is looked for in the first rows only (title rows above it may be merged cells). */
const headerSearchRows = 10;
/** More rows than any estate's register; a bigger file is refused rather than read into memory. */
export const residentImportMaxRows = 50_000;
export const residentImportJobKind = 'residents.import';

interface StoredProblem {
  sheetName: string;
  rowNumber: number;
  name: string;
  errors: Localized[];
}

type SkippedSheet = ResidentImport['skippedSheets'][number];

/**
 * Reads every visible sheet of the office's resident sheet (one per building is common) through
 * the one .xlsx reader: title rows above the header passed over, merged cells (a building or door
 * written once for a block of rows) copied into every row they cover, full-width digits folded.
 * A hidden sheet or one without a header is named as skipped.
 */
async function readSheet(file: Buffer) {
  const workbook = await openXlsx(file, { maxRows: residentImportMaxRows + headerSearchRows * 50 });
  const rows: ImportedResident[] = [];
  const problems: StoredProblem[] = [];
  const skippedSheets: SkippedSheet[] = [];
  let total = 0;
  let hasHeader = false;
  for (const sheet of workbook.sheets) {
    if (sheet.state !== 'visible') {
      skippedSheets.push({ name: sheet.name, reason: 'hidden' });
      continue;
    }
    let header: Map<number, ResidentColumn> | null = null;
    for await (const row of sheet.rows({ followMerges: true })) {
      if (!header) {
        if (row.rowNumber > headerSearchRows) break;
        header = matchResidentHeader(row.cells.map((cell) => (cell?.kind === 'text' ? cell.text : '')));
        if (header) hasHeader = true;
        continue;
      }
      const cells: Partial<Record<ResidentColumn, ReturnType<typeof readResidentCell>>> = {};
      let hasOwnValue = false;
      for (const [index, column] of header) {
        const cell = row.cells[index];
        cells[column] = readResidentCell(cell);
        // A row whose only values come from a merged block above is the block's tail, not a resident.
        if (cell && !cell.mergedFrom && !cells[column]!.isEmpty) hasOwnValue = true;
      }
      if (!hasOwnValue) continue;
      total += 1;
      const at = { sheetName: sheet.name, rowNumber: row.rowNumber };
      const parsed = parseResidentRow(cells, at);
      if (parsed.resident) rows.push(parsed.resident);
      else problems.push({ ...at, name: parsed.name, errors: parsed.errors });
    }
    if (!header) skippedSheets.push({ name: sheet.name, reason: 'no_header' });
  }
  return { rows, problems, skippedSheets, total, hasHeader };
}

/** One person once per place: a second row of the same name at the same unit is a problem row. */
function dropRepeatedRows(rows: ImportedResident[], problems: StoredProblem[]) {
  const seen = new Map<string, ImportedResident>();
  const kept: ImportedResident[] = [];
  for (const row of rows) {
    const key = `${placeKeyOf(row) || placeKey(row.locationText)}#${placeKey(row.name)}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, row);
      kept.push(row);
      continue;
    }
    problems.push({
      sheetName: row.sheetName,
      rowNumber: row.rowNumber,
      name: row.name,
      errors: [
        localized(
          `与 ${first.sheetName} 第 ${first.rowNumber} 行重复`,
          `與 ${first.sheetName} 第 ${first.rowNumber} 列重複`,
          `Same person as ${first.sheetName} row ${first.rowNumber}`,
        ),
      ],
    });
  }
  return kept;
}

export function toImportView(
  row: Omit<ResidentImportsTable, 'rowsJson' | 'createdBy' | 'failure'>,
): ResidentImport {
  return {
    id: row.id,
    projectId: row.projectId,
    fileName: row.fileName,
    status: row.status,
    totalRows: row.totalRows,
    validRows: row.validRows,
    processedRows: row.processedRows,
    createdRows: row.createdRows,
    updatedRows: row.updatedRows,
    problemCount: (JSON.parse(row.problemsJson) as unknown[]).length,
    isCancelRequested: row.isCancelRequested === 1,
    skippedSheets: JSON.parse(row.skippedSheetsJson) as SkippedSheet[],
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** Reads the sheet and stages its rows with their problems; the register is untouched until commit. */
export async function previewResidentImport(
  db: Db,
  options: { actor: Actor; projectId: string; fileName: string; file: Buffer; now: Date },
) {
  const { actor, now } = options;
  const project = await getProjectById(db, actor, options.projectId);
  assertRegisterProject(actor, project.companyId, project.id);
  const read = await readSheet(options.file);
  if (!read.hasHeader) throw new AppError(residentErrors.RESIDENT_IMPORT_NO_HEADER);
  const rows = dropRepeatedRows(read.rows, read.problems);
  const row: ResidentImportsTable = {
    id: newId(),
    companyId: actor.companyId,
    projectId: project.id,
    fileName: options.fileName.slice(0, 200),
    status: 'previewed',
    totalRows: read.total,
    validRows: rows.length,
    processedRows: 0,
    createdRows: 0,
    updatedRows: 0,
    isCancelRequested: 0,
    rowsJson: JSON.stringify(rows),
    problemsJson: JSON.stringify(read.problems),
    skippedSheetsJson: JSON.stringify(read.skippedSheets),
    failure: '',
    createdBy: actor.staffId,
    createdAt: now.toISOString(),
    finishedAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await queries.insertImport(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: project.id,
      entityType: 'resident_import',
      entityId: row.id,
      action: 'preview',
      after: { fileName: row.fileName, totalRows: row.totalRows, validRows: row.validRows },
    });
  });
  return toImportView(row);
}

export async function getImportRow(db: Db, actor: Actor, importId: string) {
  const row = await queries.findImportRow(db, importId);
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity: localized('导入', '匯入', 'Import') });
  assertSeesResident(actor, row);
  return row;
}

export async function getResidentImport(db: Db, options: { actor: Actor; importId: string }) {
  return toImportView(await getImportRow(db, options.actor, options.importId));
}

export async function findResidentImports(
  db: Db,
  options: { actor: Actor; projectId: string; offset: number; limit: number },
) {
  const { actor } = options;
  const project = await getProjectById(db, actor, options.projectId);
  assertRegisterProject(actor, project.companyId, project.id);
  const { rows, total } = await queries.findImportPage(
    db,
    residentCondition(actor, 'residentImports'),
    project.id,
    options.offset,
    options.limit,
  );
  return { items: rows.map((row) => toImportView(row)), total };
}

/** The rows kept out, in the reader's language (the screen and the problem-rows workbook). */
export async function findResidentImportProblems(
  db: Db,
  options: { actor: Actor; importId: string; locale: Locale },
): Promise<ResidentImportProblem[]> {
  const row = await getImportRow(db, options.actor, options.importId);
  return (JSON.parse(row.problemsJson) as StoredProblem[]).map((problem) => ({
    sheetName: problem.sheetName,
    rowNumber: problem.rowNumber,
    name: problem.name,
    errors: problem.errors.map((error) => error[options.locale]),
  }));
}

/** Starts writing a previewed import (a durable job, in batches; progress on the import). */
export async function commitResidentImport(db: Db, options: { actor: Actor; importId: string; now: Date }) {
  const { actor, now } = options;
  const current = await getImportRow(db, actor, options.importId);
  await db.transaction().execute(async (trx) => {
    if (!(await queries.updateImportIf(trx, current.id, 'previewed', { status: 'running' })))
      throw new AppError(residentErrors.RESIDENT_IMPORT_STATE);
    await scheduleJob(trx, {
      kind: residentImportJobKind,
      runAt: now,
      payload: {
        importId: current.id,
        companyId: actor.companyId,
        staffId: actor.staffId,
        displayName: actor.displayName,
      },
      dedupeKey: `residents:import:${current.id}`,
      maxAttempts: 3,
      now,
    });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: current.projectId,
      entityType: 'resident_import',
      entityId: current.id,
      action: 'commit',
    });
  });
  return getResidentImport(db, { actor, importId: current.id });
}

/** Asks a running import to stop before its next batch; what is written stays (each batch whole). */
export async function cancelResidentImport(db: Db, options: { actor: Actor; importId: string; now: Date }) {
  const { actor, now } = options;
  const current = await getImportRow(db, actor, options.importId);
  await db.transaction().execute(async (trx) => {
    const isPreviewed = await queries.updateImportIf(trx, current.id, 'previewed', {
      status: 'cancelled',
      finishedAt: now.toISOString(),
    });
    if (!isPreviewed && !(await queries.updateImportIf(trx, current.id, 'running', { isCancelRequested: 1 })))
      throw new AppError(residentErrors.RESIDENT_IMPORT_STATE);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: current.projectId,
      entityType: 'resident_import',
      entityId: current.id,
      action: 'cancel',
    });
  });
  return getResidentImport(db, { actor, importId: current.id });
}
