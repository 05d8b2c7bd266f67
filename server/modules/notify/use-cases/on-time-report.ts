import type { Locale } from '../../../../contracts/locales.js';
import type { ReportRow } from '../../../../contracts/notify.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db } from '../../../platform/db/database.js';
import { getSetting } from '../../settings/index.js';
import { allTemplateDefinitions } from '../notify.templates.js';

export type { ReportRow };

/** Reminders due in [from, to) per rule: sent on time (within the tolerance setting), late, failed, waiting, skipped. */
export async function onTimeReport(
  db: Db,
  actor: Actor,
  options: { from: string; to: string; now: Date; locale: Locale },
): Promise<ReportRow[]> {
  const toleranceMs =
    (await getSetting(db, 'notify.onTimeToleranceMinutes', { companyId: actor.companyId })) * 60_000;
  const rows = await db
    .selectFrom('notifyDeliveries')
    .select(['event', 'status', 'dueAt', 'sentAt'])
    .where(
      visibility(actor, 'company').condition({
        companyId: 'notifyDeliveries.companyId',
        projectId: 'notifyDeliveries.projectId',
      }),
    )
    .where('dueAt', '>=', options.from)
    .where('dueAt', '<', options.to)
    .where('resendOf', 'is', null)
    .execute();
  const byEvent = new Map<string, ReportRow & { delaySum: number; delayCount: number }>();
  for (const row of rows) {
    let entry = byEvent.get(row.event);
    if (!entry) {
      const definition = allTemplateDefinitions().find(([event]) => event === row.event)?.[1];
      entry = {
        event: row.event,
        rule: definition?.rule ?? '',
        label: definition?.label[options.locale] ?? row.event,
        total: 0,
        onTime: 0,
        late: 0,
        failed: 0,
        waiting: 0,
        skipped: 0,
        averageDelaySeconds: null,
        onTimeRate: null,
        delaySum: 0,
        delayCount: 0,
      };
      byEvent.set(row.event, entry);
    }
    entry.total += 1;
    if (row.status === 'sent' && row.sentAt) {
      const delay = Math.max(0, Date.parse(row.sentAt) - Date.parse(row.dueAt));
      entry.delaySum += delay;
      entry.delayCount += 1;
      if (delay <= toleranceMs) entry.onTime += 1;
      else entry.late += 1;
    } else if (row.status === 'dead' || row.status === 'failed') entry.failed += 1;
    else if (row.status === 'skipped') entry.skipped += 1;
    // Still waiting after its time plus the tolerance: it is already late.
    else if (Date.parse(row.dueAt) + toleranceMs < options.now.getTime()) entry.late += 1;
    else entry.waiting += 1;
  }
  return [...byEvent.values()]
    .map(({ delaySum, delayCount, ...entry }) => ({
      ...entry,
      averageDelaySeconds: delayCount ? Math.round(delaySum / delayCount / 1000) : null,
      onTimeRate:
        entry.onTime + entry.late + entry.failed
          ? entry.onTime / (entry.onTime + entry.late + entry.failed)
          : null,
    }))
    .sort((a, b) => a.rule.localeCompare(b.rule) || a.event.localeCompare(b.event));
}
