import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import { changed, containsText } from './query-helpers.js';
import type { TaskRow } from './rows.js';

/** Tasks. */

export async function insertTask(db: Tx, row: TaskRow) {
  await db.insertInto('dealTasks').values(row).execute();
}
export async function findTasksOfFile(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealTasks')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('dueAt')
    .execute();
}
/** A person's tasks across every deal, with the unit and customer of each task's transaction file. */
export async function findTaskPage(
  db: Tx,
  scope: Visibility,
  filter: { staffId: string; status?: TaskRow['status']; kind?: TaskRow['kind']; search?: string },
  page: {
    offset: number;
    limit: number;
    sort: 'dueAt' | 'unitNumber' | 'customerName';
    order: 'asc' | 'desc';
  },
) {
  let query = db
    .selectFrom('dealTasks as task')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'task.transactionFileId')
    .where('task.staffId', '=', filter.staffId)
    .where(
      scope.condition({
        companyId: 'file.companyId',
        projectId: 'file.projectId',
        participantIds: ['file.consultantId', 'task.staffId'],
      }),
    );
  if (filter.status) query = query.where('task.status', '=', filter.status);
  if (filter.kind) query = query.where('task.kind', '=', filter.kind);
  if (filter.search) {
    const contains = containsText(filter.search);
    query = query.where((eb) =>
      eb.or([
        eb('file.unitNumber', 'like', contains),
        eb('file.customerName', 'like', contains),
        eb('task.title', 'like', contains),
      ]),
    );
  }
  const sortColumn = page.sort === 'dueAt' ? 'task.dueAt' : (`file.${page.sort}` as const);
  return pagedQuery(
    query,
    (filtered) =>
      filtered
        .select([
          'task.id',
          'task.transactionFileId',
          'task.projectId',
          'task.kind',
          'task.title',
          'task.paramsJson',
          'task.checklistJson',
          'task.dueAt',
          'task.status',
          'task.doneAt',
          'task.createdAt',
          'file.unitNumber',
          'file.customerName',
        ])
        .orderBy(sortColumn, page.order)
        .orderBy('task.id'),
    page,
  );
}
/** A task with the company and consultant of its transaction file. */
export async function findTaskInDeal(db: Tx, id: string) {
  return db
    .selectFrom('dealTasks as task')
    .innerJoin('dealTransactionFiles as file', 'file.id', 'task.transactionFileId')
    .selectAll('task')
    .select(['file.companyId', 'file.consultantId'])
    .where('task.id', '=', id)
    .executeTakeFirst();
}
export async function updateTaskIf(db: Tx, id: string, from: TaskRow['status'], change: Partial<TaskRow>) {
  return changed(
    await db
      .updateTable('dealTasks')
      .set(change)
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst(),
  );
}

/** SA-19: a file's open tasks go with its deal to the consultant it was handed to. */
export async function reassignOpenTasks(db: Tx, change: { fileId: string; toStaffId: string }) {
  await db
    .updateTable('dealTasks')
    .set({ staffId: change.toStaffId })
    .where('transactionFileId', '=', change.fileId)
    .where('status', '=', 'open')
    .execute();
}
