import type { Expression, SqlBool } from 'kysely';
import type { Visibility } from '../../../platform/auth/scope.js';
import type { Tx } from '../../../platform/db/database.js';
import { pagedQueryOverTerms } from '../../../platform/db/paged.js';
import { changed, containsText, designatedFor, holdsDuty } from './query-helpers.js';
import type { AgreementRow, BuyerRow } from './rows.js';

/** Agreements (认购) and their buyers. */

export async function insertAgreement(db: Tx, row: AgreementRow) {
  await db.insertInto('dealAgreements').values(row).execute();
}
export async function findAgreement(db: Tx, id: string) {
  return db.selectFrom('dealAgreements').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function updateAgreementIf(
  db: Tx,
  id: string,
  from: AgreementRow['status'][],
  change: Partial<AgreementRow>,
) {
  return changed(
    await db
      .updateTable('dealAgreements')
      .set(change)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst(),
  );
}
export async function insertBuyers(db: Tx, rows: BuyerRow[]) {
  if (rows.length) await db.insertInto('dealAgreementBuyers').values(rows).execute();
}
export async function deleteBuyers(db: Tx, agreementId: string) {
  await db.deleteFrom('dealAgreementBuyers').where('agreementId', '=', agreementId).execute();
}
export async function findBuyers(db: Tx, agreementId: string) {
  return db
    .selectFrom('dealAgreementBuyers')
    .selectAll()
    .where('agreementId', '=', agreementId)
    .orderBy('sortOrder')
    .execute();
}
export async function updateBuyer(db: Tx, id: string, change: Partial<BuyerRow>) {
  await db.updateTable('dealAgreementBuyers').set(change).where('id', '=', id).execute();
}
/** Agreements the caller takes part in (author, reviewer, designated reviewer) or sees project-wide. */
export async function findAgreementPage(
  db: Tx,
  scope: Visibility,
  filter: {
    projectId?: string;
    status?: AgreementRow['status'];
    depositId?: string;
    search?: string;
  },
  page: {
    offset: number;
    limit: number;
    sort: 'updatedAt' | 'formNumber' | 'priceFen';
    order: 'asc' | 'desc';
  },
) {
  const designated = await holdsDuty(db, scope.actor.staffId, ['agreement_review']);
  const terms = scope.conditionTerms(
    {
      companyId: 'agreement.companyId',
      projectId: 'agreement.projectId',
      participantIds: [
        'agreement.consultantId',
        'agreement.reviewerId',
        ...(designated ? ['designee.staffId'] : []),
      ],
    },
    filter.projectId,
  );
  const visibleAgreements = (visible: Expression<SqlBool>) => {
    let query = db
      .selectFrom('dealAgreements as agreement')
      .$if(designated, (joined) =>
        joined.leftJoin(designatedFor(db, scope.actor.staffId, ['agreement_review']).as('designee'), (join) =>
          join.onRef('designee.projectId', '=', 'agreement.projectId'),
        ),
      )
      .where(visible);
    if (filter.projectId) query = query.where('agreement.projectId', '=', filter.projectId);
    if (filter.status) query = query.where('agreement.status', '=', filter.status);
    if (filter.depositId) query = query.where('agreement.depositId', '=', filter.depositId);
    if (filter.search) {
      const contains = containsText(filter.search);
      query = query.where((eb) =>
        eb.or([
          eb('agreement.unitNumber', 'like', contains),
          eb('agreement.customerName', 'like', contains),
          eb('agreement.formNumber', 'like', contains),
        ]),
      );
    }
    return query;
  };
  return pagedQueryOverTerms(
    db,
    terms,
    visibleAgreements,
    (filtered) =>
      filtered.selectAll('agreement').orderBy(`agreement.${page.sort}`, page.order).orderBy('agreement.id'),
    [
      [page.sort, page.order],
      ['id', 'asc'],
    ],
    page,
  );
}
