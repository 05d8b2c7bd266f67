import type { Tx } from '../../../platform/db/database.js';
import { pagedQuery } from '../../../platform/db/paged.js';
import type { OwnershipConflictsTable, SourceChannelsTable } from '../customers.tables.js';
import type { Visible } from './customers.queries.js';

// --- source channels ---

export async function findSourceChannels(db: Tx, projectId: string, includeArchived = false) {
  let query = db.selectFrom('sourceChannels').selectAll().where('projectId', '=', projectId);
  if (!includeArchived) query = query.where('isArchived', '=', 0);
  return query.orderBy('sortOrder').orderBy('name').execute();
}

export async function findSourceChannelRow(db: Tx, id: string) {
  return db.selectFrom('sourceChannels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSourceChannel(db: Tx, row: SourceChannelsTable): Promise<void> {
  await db.insertInto('sourceChannels').values(row).execute();
}

export async function updateSourceChannelRow(
  db: Tx,
  id: string,
  changes: Partial<SourceChannelsTable>,
): Promise<void> {
  await db.updateTable('sourceChannels').set(changes).where('id', '=', id).execute();
}

// --- ownership conflicts ---

export async function insertConflict(db: Tx, row: OwnershipConflictsTable): Promise<void> {
  await db.insertInto('ownershipConflicts').values(row).execute();
}

export async function findConflictRow(db: Tx, id: string) {
  return db.selectFrom('ownershipConflicts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function resolveConflictRow(
  db: Tx,
  id: string,
  changes: Partial<OwnershipConflictsTable>,
): Promise<number> {
  const result = await db
    .updateTable('ownershipConflicts')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findConflicts(
  db: Tx,
  filter: { projectId: string; status?: string; requestedBy?: string; visible: Visible },
  page: { offset: number; limit: number },
) {
  let query = db
    .selectFrom('ownershipConflicts')
    .innerJoin('customers', 'customers.id', 'ownershipConflicts.customerId')
    .where('ownershipConflicts.projectId', '=', filter.projectId)
    .where(filter.visible);
  if (filter.status)
    query = query.where('ownershipConflicts.status', '=', filter.status as OwnershipConflictsTable['status']);
  if (filter.requestedBy) query = query.where('ownershipConflicts.requestedBy', '=', filter.requestedBy);
  return pagedQuery(
    query,
    (query) =>
      query
        .selectAll('ownershipConflicts')
        .select([
          'customers.name as customerName',
          'customers.companyId as customerCompanyId',
          'customers.ownerStaffId as customerOwnerStaffId',
        ])
        .orderBy('ownershipConflicts.at', 'desc')
        .orderBy('ownershipConflicts.id'),
    page,
  );
}
