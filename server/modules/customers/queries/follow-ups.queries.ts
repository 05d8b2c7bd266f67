import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { FollowUpsTable } from '../customers.tables.js';
import type { Visible } from './customers.queries.js';

// --- follow-ups ---

export async function insertFollowUp(db: Tx, row: FollowUpsTable): Promise<void> {
  await db.insertInto('followUps').values(row).execute();
}

export async function findFollowUpRow(db: Tx, id: string) {
  return db.selectFrom('followUps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Closes a follow-up only while it is still planned; 0 rows means someone closed it first. */
export async function closeFollowUpRow(
  db: Tx,
  id: string,
  changes: Partial<FollowUpsTable>,
): Promise<number> {
  const result = await db
    .updateTable('followUps')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'planned')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateFollowUpRow(db: Tx, id: string, changes: Partial<FollowUpsTable>): Promise<void> {
  await db.updateTable('followUps').set(changes).where('id', '=', id).execute();
}

export interface FollowUpFilter {
  projectId: string;
  /**
   * The caller's owner scope, over the joined customers table. Every list carries it; only a
   * use case that already checked the one customer it reads (the personal-data export) omits it.
   */
  visible?: Visible;
  staffId?: string;
  customerId?: string;
  status?: 'planned' | 'done' | 'cancelled';
  kind?: 'sales' | 'after_sales';
  plannedFrom?: string;
  plannedTo?: string;
}

export async function findFollowUpPage(
  db: Tx,
  filter: FollowUpFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  let query = db
    .selectFrom('followUps')
    .innerJoin('customers', 'customers.id', 'followUps.customerId')
    .where('followUps.projectId', '=', filter.projectId);
  if (filter.visible) query = query.where(filter.visible);
  if (filter.staffId) query = query.where('followUps.staffId', '=', filter.staffId);
  if (filter.customerId) query = query.where('followUps.customerId', '=', filter.customerId);
  if (filter.status) query = query.where('followUps.status', '=', filter.status);
  if (filter.kind) query = query.where('followUps.kind', '=', filter.kind);
  if (filter.plannedFrom) query = query.where('followUps.plannedAt', '>=', filter.plannedFrom);
  if (filter.plannedTo) query = query.where('followUps.plannedAt', '<', filter.plannedTo);
  return pagedQuery(
    query,
    (query) =>
      query
        .selectAll('followUps')
        .select(['customers.name as customerName', 'customers.category as customerCategory'])
        .orderBy('followUps.plannedAt', page.order)
        .orderBy('followUps.id'),
    page,
  );
}

export async function cancelPlannedFollowUpsOfCustomer(
  db: Tx,
  customerId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('followUps')
    .set({ status: 'cancelled', updatedAt: at })
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .execute();
}

export async function reassignPlannedFollowUps(
  db: Tx,
  customerId: string,
  staffId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('followUps')
    .set({ staffId, updatedAt: at })
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .where('kind', '=', 'sales')
    .execute();
}

export async function anonymiseFollowUps(db: Tx, customerId: string): Promise<number> {
  const result = await db
    .updateTable('followUps')
    .set({ outcome: '', theme: '—' })
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findPlannedFollowUpsOfCustomer(db: Tx, customerId: string) {
  return db
    .selectFrom('followUps')
    .selectAll()
    .where('customerId', '=', customerId)
    .where('status', '=', 'planned')
    .execute();
}
