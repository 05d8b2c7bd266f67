import type { Tx } from '../../../platform/db/database.js';
import { newOrderedId } from '../../../platform/jobs/index.js';
import { publishLive } from '../../../platform/live/index.js';
import { insertAttempt, insertInboxRowOnce, updateDelivery } from '../notify.queries.js';
import type { NotificationsTable } from '../notify.tables.js';
import { type DeliveryRow, idempotencyKeyOf } from './deliver-payload.js';

/** In-app deliveries: inbox row, delivery log and live push in one transaction — exactly once. */
export async function writeInapp(
  trx: Tx,
  rows: DeliveryRow[],
  notification: NotificationsTable,
  now: Date,
  instanceId: string,
  options: { deliveryRowsWritten?: boolean } = {},
): Promise<void> {
  const at = now.toISOString();
  for (const row of rows) {
    const inserted = await insertInboxRowOnce(trx, {
      id: newOrderedId(),
      staffId: row.recipientKey.slice('staff:'.length),
      deliveryId: row.id,
      notificationId: row.notificationId,
      event: row.event,
      projectId: row.projectId,
      title: row.title,
      body: row.body,
      link: notification.link,
      createdAt: at,
      readAt: null,
    });
    if (!options.deliveryRowsWritten)
      await updateDelivery(trx, row.id, {
        status: 'sent',
        sentAt: at,
        attempts: row.attempts + 1,
        updatedAt: at,
        providerAnswer: 'inbox',
        errorCode: null,
        errorMessage: null,
      });
    await insertAttempt(trx, {
      id: newOrderedId(),
      deliveryId: row.id,
      attemptNo: row.attempts + 1,
      idempotencyKey: idempotencyKeyOf(row),
      instanceId,
      startedAt: at,
      finishedAt: at,
      status: 'sent',
      providerAnswer: inserted ? 'inbox' : 'inbox (already there)',
      errorMessage: null,
    });
    if (inserted)
      await publishLive(
        trx,
        {
          topic: row.recipientKey,
          type: 'notify.inbox',
          payload: { id: inserted.id, event: row.event, title: row.title, link: notification.link },
        },
        now,
      );
  }
}
