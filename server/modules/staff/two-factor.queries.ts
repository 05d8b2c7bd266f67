import type { Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import type { StaffTwoFactorTable } from './staff.tables.js';

export async function findTwoFactor(db: Tx, staffId: string): Promise<StaffTwoFactorTable | undefined> {
  return db.selectFrom('staffTwoFactor').selectAll().where('staffId', '=', staffId).executeTakeFirst();
}

/** Which of these people have confirmed two-factor (for the staff list and detail). */
export async function findConfirmedTwoFactor(db: Tx, staffIds: string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('staffTwoFactor')
    .select('staffId')
    .where('staffId', 'in', staffIds)
    .where('confirmedAt', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.staffId));
}

/** A fresh enrolment replaces an unconfirmed one; a confirmed one is never overwritten here. */
export async function replaceUnconfirmedTwoFactor(db: Tx, row: StaffTwoFactorTable): Promise<boolean> {
  await db
    .deleteFrom('staffTwoFactor')
    .where('staffId', '=', row.staffId)
    .where('confirmedAt', 'is', null)
    .execute();
  const existing = await findTwoFactor(db, row.staffId);
  if (existing) return false;
  await db.insertInto('staffTwoFactor').values(row).execute();
  return true;
}

/**
 * Accepts a code's time step once: one conditional UPDATE, so two requests racing with the same
 * code cannot both pass. `confirm` also marks an enrolment confirmed.
 */
export async function claimTimeStep(
  db: Tx,
  staffId: string,
  timeStep: number,
  confirmedAt?: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staffTwoFactor')
    .set({ lastTimeStep: timeStep, ...(confirmedAt ? { confirmedAt } : {}) })
    .where('staffId', '=', staffId)
    .where((eb) => eb.or([eb('lastTimeStep', 'is', null), eb('lastTimeStep', '<', timeStep)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTwoFactor(db: Tx, staffId: string): Promise<void> {
  await db.deleteFrom('staffRecoveryCodes').where('staffId', '=', staffId).execute();
  await db.deleteFrom('staffTwoFactor').where('staffId', '=', staffId).execute();
}

export async function replaceRecoveryCodes(
  db: Tx,
  staffId: string,
  codeHashes: string[],
  at: string,
): Promise<void> {
  await db.deleteFrom('staffRecoveryCodes').where('staffId', '=', staffId).execute();
  await db
    .insertInto('staffRecoveryCodes')
    .values(codeHashes.map((codeHash) => ({ id: newId(), staffId, codeHash, usedAt: null, createdAt: at })))
    .execute();
}

/** Spends a recovery code: one conditional UPDATE, so a code works once even under a race. */
export async function useRecoveryCode(
  db: Tx,
  staffId: string,
  codeHash: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('staffRecoveryCodes')
    .set({ usedAt: at })
    .where('staffId', '=', staffId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Tx, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('staffRecoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('staffId', '=', staffId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function setSessionSecondFactorDone(
  db: Tx,
  sessionId: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ isSecondFactorPending: 0, expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

/** Who holds unused recovery codes, and how many (key rotation voids them). */
export async function findUnusedRecoveryCodeHolders(db: Tx) {
  return db
    .selectFrom('staffRecoveryCodes')
    .innerJoin('staff', 'staff.id', 'staffRecoveryCodes.staffId')
    .select((eb) => ['staff.id as staffId', 'staff.companyId', eb.fn.countAll<number>().as('count')])
    .where('staffRecoveryCodes.usedAt', 'is', null)
    .groupBy(['staff.id', 'staff.companyId'])
    .execute();
}

export async function deleteUnusedRecoveryCodes(db: Tx, staffId: string): Promise<void> {
  await db
    .deleteFrom('staffRecoveryCodes')
    .where('staffId', '=', staffId)
    .where('usedAt', 'is', null)
    .execute();
}
