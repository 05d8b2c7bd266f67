import { sql, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type {
  NotificationsTable,
  NotifyAttemptsTable,
  NotifyDeliveriesTable,
  NotifyInboxTable,
} from './notify.tables.js';

export async function insertNotification(trx: Tx, row: NotificationsTable): Promise<void> {
  await trx.insertInto('notifications').values(row).execute();
}

export async function findNotificationById(db: Tx, id: string): Promise<NotificationsTable | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findNotificationsByIds(db: Tx, ids: readonly string[]): Promise<NotificationsTable[]> {
  const rows: NotificationsTable[] = [];
  for (let index = 0; index < ids.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('notifications')
        .selectAll()
        .where('id', 'in', ids.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

export async function findDeliveriesOfJob(db: Tx, jobId: string): Promise<NotifyDeliveriesTable[]> {
  return db.selectFrom('notifyDeliveries').selectAll().where('jobId', '=', jobId).execute();
}

/** Of these jobs, those that already wrote deliveries. */
export async function findJobsWithDeliveries(db: Tx, jobIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let index = 0; index < jobIds.length; index += 500)
    for (const row of await db
      .selectFrom('notifyDeliveries')
      .select('jobId')
      .distinct()
      .where('jobId', 'in', jobIds.slice(index, index + 500))
      .execute())
      found.add(row.jobId);
  return found;
}

/** Inserts planned deliveries; one already there for the same job, channel and recipient stays. */
export async function insertDeliveries(trx: Tx, rows: NotifyDeliveriesTable[]): Promise<void> {
  for (let index = 0; index < rows.length; index += 50)
    await trx
      .insertInto('notifyDeliveries')
      .values(rows.slice(index, index + 50))
      .onConflict((conflict) => conflict.columns(['jobId', 'channel', 'recipientKey']).doNothing())
      .execute();
}

/** The channel choices stored for these members of staff (those who never chose have none). */
export async function findPreferenceRows(db: Tx, staffIds: readonly string[]) {
  const rows: Array<{ staffId: string; channelsJson: string; email: string }> = [];
  for (let index = 0; index < staffIds.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('notifyPreferences')
        .select(['staffId', 'channelsJson', 'email'])
        .where('staffId', 'in', staffIds.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

export async function updateDelivery(
  trx: Tx,
  id: string,
  changes: Updateable<NotifyDeliveriesTable>,
): Promise<void> {
  await trx.updateTable('notifyDeliveries').set(changes).where('id', '=', id).execute();
}

export async function insertAttempt(trx: Tx, row: NotifyAttemptsTable): Promise<void> {
  await trx.insertInto('notifyAttempts').values(row).execute();
}

export async function updateAttempt(
  trx: Tx,
  id: string,
  changes: Updateable<NotifyAttemptsTable>,
): Promise<void> {
  await trx.updateTable('notifyAttempts').set(changes).where('id', '=', id).execute();
}

/** The inbox row of a delivery, once: undefined when it was there already. */
export async function insertInboxRowOnce(
  trx: Tx,
  row: NotifyInboxTable,
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('notifyInbox')
    .values(row)
    .onConflict((conflict) => conflict.column('deliveryId').doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** A retried dead job tries its deliveries that failed on a provider error again. */
export async function reopenDeadDeliveries(trx: Tx, jobId: string, at: string): Promise<void> {
  await trx
    .updateTable('notifyDeliveries')
    .set({ status: 'failed', updatedAt: at })
    .where('jobId', '=', jobId)
    .where('status', '=', 'dead')
    .where('errorCode', '=', 'provider_error')
    .execute();
}

/** Notifications whose dedupeKey starts with the prefix (a deal's, to re-address them). */
export function findNotificationsByDedupePrefix(db: Tx, prefix: string) {
  return (
    db
      .selectFrom('notifications')
      .select(['id', 'dedupeKey', 'recipientsJson'])
      // LIKE lets an index on the key narrow the search; substr makes the match exact.
      .where(
        sql<boolean>`dedupe_key LIKE ${`${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`} ESCAPE '\\'`,
      )
      .where(sql<boolean>`substr(dedupe_key, 1, ${prefix.length}) = ${prefix}`)
      .execute()
  );
}

export async function updateNotificationRecipients(db: Tx, id: string, recipientsJson: string) {
  await db.updateTable('notifications').set({ recipientsJson }).where('id', '=', id).execute();
}
