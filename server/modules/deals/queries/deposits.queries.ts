import type { Expression, SqlBool } from 'kysely';
import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQueryOverTerms } from '../../../platform/db/paged.js';
import { changed, designatedFor, holdsDuty } from './query-helpers.js';
import type { DepositRow } from './rows.js';

/** Deposits (临订/定金). */

export async function insertDeposit(db: Tx, row: DepositRow) {
  await db.insertInto('dealDeposits').values(row).execute();
}
export async function findDeposit(db: Tx, id: string) {
  return db.selectFrom('dealDeposits').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateDepositIf(
  db: Tx,
  id: string,
  from: DepositRow['status'][],
  change: Partial<DepositRow>,
) {
  return changed(
    await db
      .updateTable('dealDeposits')
      .set(change)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst(),
  );
}
/** Deposits the caller takes part in (consultant, confirmer, collector, witness, designated colleague) or sees project-wide. */
export async function findDepositPage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: DepositRow['status'];
    customerId?: string;
    unitId?: string;
  },
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['deposit_confirm', 'collect']);
  const terms = scope.conditionTerms(
    {
      companyId: 'deposit.companyId',
      projectId: 'deposit.projectId',
      participantIds: [
        'deposit.consultantId',
        'deposit.confirmedBy',
        'deposit.collectedBy',
        'deposit.witnessId',
        ...(designated ? ['designee.staffId'] : []),
      ],
    },
    filter.projectId,
  );
  const visibleDeposits = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealDeposits as deposit')
      .$if(designated, (joined) =>
        joined.leftJoin(
          designatedFor(db, scope.actor.staffId, ['deposit_confirm', 'collect']).as('designee'),
          (join) => join.onRef('designee.projectId', '=', 'deposit.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('deposit.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('deposit.status', '=', filter.status);
    if (filter.customerId) query = query.where('deposit.customerId', '=', filter.customerId);
    if (filter.unitId) query = query.where('deposit.unitId', '=', filter.unitId);
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleDeposits,
    (filtered) =>
      filtered.selectAll('deposit').orderBy('deposit.updatedAt', page.order).orderBy('deposit.id'),
    [
      ['updatedAt', page.order],
      ['id', 'asc'],
    ],
    page,
  );
}
export async function findCollectedDepositFor(db: Tx, unitId: string, customerId: string) {
  return db
    .selectFrom('dealDeposits')
    .selectAll()
    .where('unitId', '=', unitId)
    .where('customerId', '=', customerId)
    .where('status', '=', 'collected')
    .orderBy('collectedAt', 'desc')
    .executeTakeFirst();
}
