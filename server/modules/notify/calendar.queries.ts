import type { Tx } from '../../platform/db/database.js';
import type { CalendarDaysTable } from './notify.tables.js';

export async function findCalendarDays(
  db: Tx,
  companyId: string,
  range?: { from: string; to: string },
): Promise<CalendarDaysTable[]> {
  let query = db.selectFrom('calendarDays').selectAll().where('companyId', '=', companyId);
  if (range) query = query.where('day', '>=', range.from).where('day', '<=', range.to);
  return query.orderBy('day').execute();
}

export async function deleteCalendarDays(
  db: Tx,
  companyId: string,
  range: { from: string; to: string },
): Promise<void> {
  await db
    .deleteFrom('calendarDays')
    .where('companyId', '=', companyId)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to)
    .execute();
}

export async function insertCalendarDays(db: Tx, rows: CalendarDaysTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('calendarDays').values(rows).execute();
}
