import type { Expression, SqlBool } from 'kysely';
import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQueryOverTerms } from '../../../platform/db/paged.js';
import { containsText, designatedFor, holdsDuty } from './query-helpers.js';
import type { TransactionFileRow } from './rows.js';

/** Transaction files (成交档案). */

export async function insertTransactionFile(db: Tx, row: TransactionFileRow) {
  await db.insertInto('dealTransactionFiles').values(row).execute();
}
export async function findTransactionFile(db: Tx, id: string) {
  return db.selectFrom('dealTransactionFiles').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateTransactionFile(db: Tx, id: string, change: Partial<TransactionFileRow>) {
  await db.updateTable('dealTransactionFiles').set(change).where('id', '=', id).execute();
}
/** Transaction files the caller takes part in (consultant, the reviewer who opened it, designated collector) or sees project-wide. */
export async function findTransactionFilePage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: TransactionFileRow['status'];
    depositId?: string;
    search?: string;
  },
  page: {
    offset: number;
    limit: number;
    sort: 'openedAt' | 'unitNumber' | 'priceFen';
    order: 'asc' | 'desc';
  },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['collect']);
  const terms = scope.conditionTerms(
    {
      companyId: 'file.companyId',
      projectId: 'file.projectId',
      participantIds: ['file.consultantId', 'file.openedBy', ...(designated ? ['designee.staffId'] : [])],
    },
    filter.projectId,
  );
  const visibleFiles = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealTransactionFiles as file')
      .$if(designated, (joined) =>
        joined.leftJoin(designatedFor(db, scope.actor.staffId, ['collect']).as('designee'), (join) =>
          join.onRef('designee.projectId', '=', 'file.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('file.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('file.status', '=', filter.status);
    if (filter.depositId) query = query.where('file.depositId', '=', filter.depositId);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([eb('file.unitNumber', 'like', contains), eb('file.customerName', 'like', contains)]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleFiles,
    (filtered) => filtered.selectAll('file').orderBy(`file.${page.sort}`, page.order).orderBy('file.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}
