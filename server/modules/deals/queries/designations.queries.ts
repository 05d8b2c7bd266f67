import type { Tx } from '../../../platform/db/database.js';
import { changed, type T } from './query-helpers.js';

/** Designations: who holds which duty in a project. */

export async function insertDesignation(db: Tx, row: T['dealDesignations']) {
  await db.insertInto('dealDesignations').values(row).execute();
}
export async function revokeDesignation(db: Tx, id: string, at: string) {
  return changed(
    await db
      .updateTable('dealDesignations')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .executeTakeFirst(),
  );
}
export async function findDesignations(db: Tx, projectId: string) {
  return db
    .selectFrom('dealDesignations')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('revokedAt', 'is', null)
    .orderBy('designatedAt')
    .execute();
}
export async function findDesignation(db: Tx, id: string) {
  return db.selectFrom('dealDesignations').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function isDesignated(
  db: Tx,
  projectId: string,
  staffId: string,
  duty: T['dealDesignations']['duty'],
) {
  const row = await db
    .selectFrom('dealDesignations')
    .select('id')
    .where('projectId', '=', projectId)
    .where('staffId', '=', staffId)
    .where('duty', '=', duty)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(row);
}
