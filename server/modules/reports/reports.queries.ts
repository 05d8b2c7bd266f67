import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { ReportReach } from './reports.policy.js';
import type { DailyReportsTable } from './reports.tables.js';

export type DailyReportRow = Omit<DailyReportsTable, 'pdf'>;

const listColumns = [
  'id',
  'companyId',
  'projectId',
  'deskId',
  'subjectKey',
  'day',
  'projectName',
  'deskName',
  'title',
  'summaryJson',
  'sizeBytes',
  'generatedAt',
  'generatedByStaffId',
  'generatedByName',
] as const;

/**
 * Stores a report. The schedule keeps a report already there (a second run of the same day is a
 * no-op); "generate now" replaces it. Returns whether a row was written.
 */
export async function saveReport(
  trx: Tx,
  row: DailyReportsTable,
  mode: 'keep' | 'replace',
): Promise<boolean> {
  const { id: _id, subjectKey: _subject, day: _day, ...changes } = row;
  const result = await trx
    .insertInto('dailyReports')
    .values(row)
    .onConflict((conflict) =>
      mode === 'keep'
        ? conflict.columns(['subjectKey', 'day']).doNothing()
        : conflict.columns(['subjectKey', 'day']).doUpdateSet(changes),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findReportBySubjectDay(db: Tx, subjectKey: string, day: string) {
  return db
    .selectFrom('dailyReports')
    .select(listColumns)
    .where('subjectKey', '=', subjectKey)
    .where('day', '=', day)
    .executeTakeFirst();
}

/** The rows a reader's reach covers (see reports.policy.ts). */
function reachCondition(reach: ReportReach): Expression<SqlBool> {
  const company = sql<SqlBool>`${sql.ref('companyId')} = ${reach.companyId}`;
  if (reach.everything) return company;
  const terms: Expression<SqlBool>[] = [];
  if (reach.allProjects) terms.push(sql<SqlBool>`1 = 1`);
  else if (reach.projectIds.length)
    terms.push(sql<SqlBool>`${sql.ref('projectId')} in (${sql.join(reach.projectIds)})`);
  if (reach.allDesks) terms.push(sql<SqlBool>`${sql.ref('deskId')} is not null`);
  else if (reach.deskProjectIds.length)
    terms.push(
      sql<SqlBool>`(${sql.ref('deskId')} is not null and ${sql.ref('projectId')} in (${sql.join(reach.deskProjectIds)}))`,
    );
  if (terms.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${company} and (${sql.join(terms, sql` or `)}))`;
}

export interface ReportFilter {
  projectId?: string;
  deskId?: string;
  kind?: 'project' | 'desk';
  fromDay?: string;
  toDay?: string;
}

export async function findReportsPage(
  db: Db,
  reach: ReportReach,
  filter: ReportFilter,
  window: { order: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ rows: DailyReportRow[]; total: number }> {
  let query = db.selectFrom('dailyReports').where(reachCondition(reach));
  if (filter.projectId) query = query.where('projectId', '=', filter.projectId);
  if (filter.deskId) query = query.where('deskId', '=', filter.deskId);
  if (filter.kind === 'project') query = query.where('deskId', 'is', null);
  if (filter.kind === 'desk') query = query.where('deskId', 'is not', null);
  if (filter.fromDay) query = query.where('day', '>=', filter.fromDay);
  if (filter.toDay) query = query.where('day', '<=', filter.toDay);
  const [rows, count] = await Promise.all([
    query
      .select(listColumns)
      .orderBy('day', window.order)
      .orderBy('projectName')
      .orderBy(sql`coalesce(${sql.ref('deskName')}, '')`)
      .orderBy('id')
      .offset(window.offset)
      .limit(window.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<string | number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.count) };
}

export async function findReportRow(db: Db, id: string): Promise<DailyReportRow | undefined> {
  return db.selectFrom('dailyReports').select(listColumns).where('id', '=', id).executeTakeFirst();
}

export async function findReportPdf(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('dailyReports').select('pdf').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.pdf) : undefined;
}
