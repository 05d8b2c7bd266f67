import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import type { CallMessagesTable, MessageStatus } from './calls.tables.js';

export async function insertMessage(db: Tx, row: CallMessagesTable): Promise<void> {
  await db.insertInto('callMessages').values(row).execute();
}

export async function findMessageRow(db: Tx, id: string): Promise<CallMessagesTable | undefined> {
  return db.selectFrom('callMessages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a message on only from the status it was read in: a concurrent change loses cleanly. */
export async function updateMessageIfStatus(
  db: Tx,
  id: string,
  expected: MessageStatus[],
  changes: Partial<CallMessagesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('callMessages')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface MessageFilter {
  companyId: string;
  /** The caller's own inbox: addressed to them, or escalated to them as department head. */
  addressedTo?: string;
  /** A desk's messages: the desk scope's condition and the desk asked for. */
  visible?: Expression<SqlBool>;
  deskId?: string;
  status?: MessageStatus;
  callId?: string;
}

function filteredMessages(db: Db, filter: MessageFilter) {
  let query = db.selectFrom('callMessages').where('callMessages.companyId', '=', filter.companyId);
  const addressedTo = filter.addressedTo;
  if (addressedTo)
    query = query.where((eb) =>
      eb.or([
        eb('callMessages.recipientStaffId', '=', addressedTo),
        eb('callMessages.escalatedToStaffId', '=', addressedTo),
      ]),
    );
  if (filter.visible) query = query.where(filter.visible);
  if (filter.deskId) query = query.where('callMessages.deskId', '=', filter.deskId);
  if (!addressedTo && !filter.visible) query = query.where(sql<SqlBool>`1 = 0`);
  if (filter.status) query = query.where('callMessages.status', '=', filter.status);
  if (filter.callId) query = query.where('callMessages.callId', '=', filter.callId);
  return query;
}

export async function findMessagePage(
  db: Db,
  filter: MessageFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  const base = filteredMessages(db, filter);
  return pagedQuery(
    base,
    (query) =>
      query
        .selectAll('callMessages')
        .orderBy('callMessages.createdAt', page.order)
        .orderBy('callMessages.id'),
    page,
  );
}

export async function countUnhandled(db: Tx, recipientStaffId: string): Promise<number> {
  const row = await db
    .selectFrom('callMessages')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('recipientStaffId', '=', recipientStaffId)
    .where('status', '!=', 'handled')
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function findMessagesByCallback(
  db: Tx,
  visible: Expression<SqlBool>,
  numbers: string[],
  limit: number,
) {
  if (numbers.length === 0) return [];
  return db
    .selectFrom('callMessages')
    .selectAll()
    .where(visible)
    .where('callbackNumber', 'in', numbers)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
}
