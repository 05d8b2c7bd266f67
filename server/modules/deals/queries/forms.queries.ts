import type { Tx } from '../../../platform/db/database.js';
import { changed, type T } from './query-helpers.js';
import type { FormRow } from './rows.js';

/** Paper forms (表单) in numbered batches, claimed one by one. */

export async function insertFormBatch(db: Tx, row: T['dealFormBatches']) {
  await db.insertInto('dealFormBatches').values(row).execute();
}
export async function insertForms(db: Tx, rows: FormRow[]) {
  for (let index = 0; index < rows.length; index += 200)
    await db
      .insertInto('dealForms')
      .values(rows.slice(index, index + 200))
      .execute();
}
export async function findOverlappingBatch(
  db: Tx,
  projectId: string,
  prefix: string,
  first: number,
  last: number,
) {
  return db
    .selectFrom('dealFormBatches')
    .select('id')
    .where('projectId', '=', projectId)
    .where('prefix', '=', prefix)
    .where('firstSerial', '<=', last)
    .where('lastSerial', '>=', first)
    .executeTakeFirst();
}
export async function findBatches(db: Tx, projectId: string) {
  return db
    .selectFrom('dealFormBatches')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('issuedAt')
    .execute();
}
/** A form with the company of its batch (forms carry only their project). */
export async function findForm(db: Tx, id: string) {
  return db
    .selectFrom('dealForms as form')
    .innerJoin('dealFormBatches as batch', 'batch.id', 'form.batchId')
    .selectAll('form')
    .select('batch.companyId')
    .where('form.id', '=', id)
    .executeTakeFirst();
}
export async function findFormByNumber(db: Tx, projectId: string, number: string) {
  return db
    .selectFrom('dealForms')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('number', '=', number)
    .executeTakeFirst();
}
export async function updateFormIf(
  db: Tx,
  id: string,
  from: FormRow['status'][],
  change: Partial<FormRow>,
  holderId?: string | null,
) {
  let query = db.updateTable('dealForms').set(change).where('id', '=', id).where('status', 'in', from);
  if (holderId !== undefined)
    query = holderId === null ? query.where('holderId', 'is', null) : query.where('holderId', '=', holderId);
  return changed(await query.executeTakeFirst());
}
export async function findFormsOfProject(
  db: Tx,
  projectId: string,
  filter: { status?: FormRow['status']; batchId?: string } = {},
) {
  let query = db.selectFrom('dealForms').selectAll().where('projectId', '=', projectId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.batchId) query = query.where('batchId', '=', filter.batchId);
  return query.orderBy('number').execute();
}
export async function countFormsByStatus(db: Tx, projectId: string) {
  return db
    .selectFrom('dealForms')
    .select(['batchId', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('projectId', '=', projectId)
    .groupBy(['batchId', 'status'])
    .execute();
}
export async function findFormSerials(db: Tx, batchId: string) {
  return (await db.selectFrom('dealForms').select('serial').where('batchId', '=', batchId).execute()).map(
    (row) => row.serial,
  );
}
