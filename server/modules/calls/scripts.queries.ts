import type { Tx } from '../../platform/db/database.js';
import type { CallPurposesTable, CallScriptsTable } from './calls.tables.js';

// --- scripts (CS-0) ------------------------------------------------------------------------

/** Every version of a desk's phrases in one locale, newest first per situation. */
export async function findScriptRows(db: Tx, deskId: string, locale: string): Promise<CallScriptsTable[]> {
  return db
    .selectFrom('callScripts')
    .selectAll()
    .where('deskId', '=', deskId)
    .where('locale', '=', locale)
    .orderBy('situation')
    .orderBy('version', 'desc')
    .execute();
}

export async function findScriptHistory(
  db: Tx,
  deskId: string,
  situation: string,
  locale: string,
): Promise<CallScriptsTable[]> {
  return db
    .selectFrom('callScripts')
    .selectAll()
    .where('deskId', '=', deskId)
    .where('situation', '=', situation as CallScriptsTable['situation'])
    .where('locale', '=', locale)
    .orderBy('version', 'desc')
    .execute();
}

export async function findLatestScriptVersion(
  db: Tx,
  deskId: string,
  situation: string,
  locale: string,
): Promise<number> {
  const row = await db
    .selectFrom('callScripts')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('deskId', '=', deskId)
    .where('situation', '=', situation as CallScriptsTable['situation'])
    .where('locale', '=', locale)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function insertScript(db: Tx, row: CallScriptsTable): Promise<void> {
  await db.insertInto('callScripts').values(row).execute();
}

// --- purposes ------------------------------------------------------------------------------

export async function findPurposes(db: Tx, companyId: string): Promise<CallPurposesTable[]> {
  return db
    .selectFrom('callPurposes')
    .selectAll()
    .where('companyId', '=', companyId)
    .orderBy('sortOrder')
    .orderBy('createdAt')
    .execute();
}

export async function findPurpose(db: Tx, id: string): Promise<CallPurposesTable | undefined> {
  return db.selectFrom('callPurposes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPurposes(db: Tx, rows: CallPurposesTable[]): Promise<void> {
  if (rows.length) await db.insertInto('callPurposes').values(rows).execute();
}

export async function updatePurposeRow(
  db: Tx,
  id: string,
  changes: Partial<CallPurposesTable>,
): Promise<void> {
  await db.updateTable('callPurposes').set(changes).where('id', '=', id).execute();
}
