import { resolveLocale } from '../../../../contracts/locales.js';
import { type BatchContext, insertRows, newOrderedId } from '../../../platform/jobs/index.js';
import { publishLiveMany } from '../../../platform/live/index.js';
import { findJobsWithDeliveries, findNotificationsByIds } from '../notify.queries.js';
import { renderText, resolveTemplate } from '../notify.render.js';
import type { NotificationsTable } from '../notify.tables.js';
import type { Recipient } from '../use-cases/notify.js';
import { type DeliverPayload, type DeliveryRow, idempotencyKeyOf } from './deliver-payload.js';
import { loadStaffRecipients } from './staff-recipients.js';

/**
 * The fast path for the common case — runs whose recipients are all active staff who get in-app
 * only, and that have no deliveries yet: one read per table for the whole claim, and one
 * transaction that writes every delivery, inbox row and live event together with the jobs'
 * completion (prepared statements on SQLite). Anything else (customers, other channels, resumed
 * retries) is left to the one-by-one handler.
 */
export async function deliverBatch(ctx: BatchContext<DeliverPayload>): Promise<string[]> {
  const { db } = ctx;
  const left: string[] = [];
  // A retried job whose earlier run wrote deliveries (an external send was under way) resumes in
  // the one-by-one handler; a retry with none (its run died before committing) starts afresh here.
  const retried = ctx.jobs.filter((job) => job.attempt > 1).map((job) => job.jobId);
  const resumed = await findJobsWithDeliveries(db, retried);
  const candidates = ctx.jobs.filter((job) => !job.payload.planned && !resumed.has(job.jobId));
  for (const job of ctx.jobs) if (job.payload.planned || resumed.has(job.jobId)) left.push(job.jobId);
  const notifications = new Map<string, NotificationsTable>(
    (
      await findNotificationsByIds(
        db,
        candidates.map((job) => job.payload.notificationId),
      )
    ).map((row) => [row.id, row]),
  );
  const staffIds = new Set<string>();
  const recipientsOf = new Map<string, Recipient[]>();
  for (const job of candidates) {
    const notification = notifications.get(job.payload.notificationId);
    if (!notification) continue;
    const recipients = JSON.parse(notification.recipientsJson) as Recipient[];
    recipientsOf.set(job.jobId, recipients);
    for (const recipient of recipients) if (recipient.kind === 'staff') staffIds.add(recipient.staffId);
  }
  const staffRows = await loadStaffRecipients(db, [...staffIds]);

  const at = ctx.now.toISOString();
  const deliveries: DeliveryRow[] = [];
  const inbox: Array<{ jobId: string; row: DeliveryRow; link: string | null }> = [];
  const handled: string[] = [];
  for (const job of candidates) {
    const notification = notifications.get(job.payload.notificationId);
    const recipients = recipientsOf.get(job.jobId);
    const simple =
      notification &&
      recipients?.every((recipient) => {
        if (recipient.kind !== 'staff') return false;
        const staff = staffRows.get(recipient.staffId);
        if (!staff || staff.isDisabled || staff.companyId !== notification.companyId) return false;
        const channels = staff.channels;
        return channels.inapp && !channels.email && !channels.sms && !channels.wecom;
      });
    if (!notification || !recipients || !simple) {
      left.push(job.jobId);
      continue;
    }
    const params = JSON.parse(notification.paramsJson) as Record<string, string | number>;
    const rows: DeliveryRow[] = [];
    for (const recipient of recipients) {
      if (recipient.kind !== 'staff') continue;
      const staff = staffRows.get(recipient.staffId);
      if (!staff) continue;
      const locale = resolveLocale(staff.locale);
      const template = await resolveTemplate(db, notification.companyId, notification.event, locale);
      rows.push({
        id: newOrderedId(),
        notificationId: notification.id,
        jobId: job.jobId,
        companyId: notification.companyId,
        projectId: notification.projectId,
        event: notification.event,
        channel: 'inapp',
        recipientKey: `staff:${recipient.staffId}`,
        recipientKind: 'staff',
        recipientName: staff.displayName,
        address: recipient.staffId,
        locale,
        title: renderText(notification.event, template.title, params),
        body: renderText(notification.event, template.body, params),
        templateVersion: template.version,
        status: 'sent',
        attempts: 1,
        dueAt: notification.sendAt,
        sentAt: at,
        providerMessageId: null,
        providerAnswer: 'inbox',
        errorCode: null,
        errorMessage: null,
        isPossibleDuplicate: 0,
        resendOf: null,
        createdAt: at,
        updatedAt: at,
      });
    }
    // Two notices for one person in one notification collapse to one delivery (same unique key).
    const unique = [...new Map(rows.map((row) => [row.recipientKey, row])).values()];
    deliveries.push(...unique);
    for (const row of unique) inbox.push({ jobId: job.jobId, row, link: notification.link });
    handled.push(job.jobId);
  }
  if (handled.length === 0) return left;
  await ctx.complete(handled, async (trx, owned, sql) => {
    const mine = deliveries.filter((row) => owned.has(row.jobId));
    const mineInbox = inbox.filter((item) => owned.has(item.jobId));
    await insertRows(trx, sql, 'notifyDeliveries', mine);
    const inboxRows = mineInbox.map(({ row, link }) => ({
      id: newOrderedId(),
      staffId: row.recipientKey.slice('staff:'.length),
      deliveryId: row.id,
      notificationId: row.notificationId,
      event: row.event,
      projectId: row.projectId,
      title: row.title,
      body: row.body,
      link,
      createdAt: at,
      readAt: null,
    }));
    await insertRows(trx, sql, 'notifyInbox', inboxRows);
    const attempts = mine.map((row) => ({
      id: newOrderedId(),
      deliveryId: row.id,
      attemptNo: 1,
      idempotencyKey: idempotencyKeyOf(row),
      instanceId: ctx.instanceId,
      startedAt: at,
      finishedAt: at,
      status: 'sent' as const,
      providerAnswer: 'inbox',
      errorMessage: null,
    }));
    await insertRows(trx, sql, 'notifyAttempts', attempts);
    await publishLiveMany(
      trx,
      inboxRows.map((row) => ({
        topic: `staff:${row.staffId}`,
        type: 'notify.inbox',
        payload: { id: row.id, event: row.event, title: row.title, link: row.link },
      })),
      ctx.now,
    );
  });
  return left;
}
