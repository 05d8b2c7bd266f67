import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { ExamRow } from './rows.js';

/** Exams. */

export async function insertExam(db: Tx, row: ExamRow) {
  await db.insertInto('dealExams').values(row).execute();
}
export async function findExamsOf(db: Tx, staffId: string) {
  return db
    .selectFrom('dealExams')
    .selectAll()
    .where('staffId', '=', staffId)
    .where('kind', '=', 'contract_filling')
    .orderBy('takenOn', 'desc')
    .execute();
}
export async function findExamPage(
  db: Tx,
  filter: { companyId: string; staffId?: string },
  page: { offset: number; limit: number },
) {
  let query = db.selectFrom('dealExams').where('companyId', '=', filter.companyId);
  if (filter.staffId) query = query.where('staffId', '=', filter.staffId);
  return pagedQuery(query, (filtered) => filtered.selectAll().orderBy('takenOn', 'desc').orderBy('id'), page);
}
