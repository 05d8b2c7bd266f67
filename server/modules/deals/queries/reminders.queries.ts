import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database.js';
import type { ReminderRow } from './rows.js';

/** Reminders of a transaction file. */

export async function insertReminder(db: Tx, row: ReminderRow) {
  await db.insertInto('dealReminders').values(row).execute();
}
export async function findReminders(db: Tx, transactionFileId: string) {
  return db
    .selectFrom('dealReminders')
    .selectAll()
    .where('transactionFileId', '=', transactionFileId)
    .orderBy('sendAt')
    .execute();
}
export async function cancelReminders(db: Tx, transactionFileId: string, dedupePrefix: string) {
  await db
    .updateTable('dealReminders')
    .set({ status: 'cancelled' })
    .where('transactionFileId', '=', transactionFileId)
    .where('status', '=', 'scheduled')
    .where(sql<boolean>`substr(dedupe_key, 1, ${dedupePrefix.length}) = ${dedupePrefix}`)
    .execute();
}

/** SA-19 hand-over: the consultant's reminders still to come name the new consultant. */
export async function readdressStaffReminders(
  db: Tx,
  change: { fileId: string; fromStaffId: string; toStaffId: string; toStaffName: string; after: string },
) {
  await db
    .updateTable('dealReminders')
    .set({ recipientId: change.toStaffId, recipientName: change.toStaffName })
    .where('transactionFileId', '=', change.fileId)
    .where('recipientKind', '=', 'staff')
    .where('recipientId', '=', change.fromStaffId)
    .where('status', '=', 'scheduled')
    .where('sendAt', '>', change.after)
    .execute();
}
