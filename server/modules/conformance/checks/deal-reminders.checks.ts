import { localized } from '../../../platform/errors.js';
import type { DealConformanceFacts } from '../../deals/index.js';
import { defineCheck, met, missed, notApplicable, pending } from './check-types.js';
import { combine, endOfDay, reminderPart, shanghaiDay } from './deal-time.js';

/**
 * SA-14 and SA-16: reminders dated from a due day, sent (a delivery marked sent) by their day and
 * acknowledged by then where a channel records it (an in-app notice read; see reminderPart).
 */

const l = localized;

export const downPaymentReminders = defineCheck<DealConformanceFacts>({
  subjectKind: 'deal',
  id: 'SA-14.reminders',
  ruleId: 'SA-14',
  version: 2,
  title: l(
    '首期款按时提醒,逾期即报项目经理',
    '首期款按時提醒,逾期即報項目經理',
    'Down-payment reminders on time; overdue reported to the manager',
  ),
  evaluate(facts, now) {
    const item = facts.downPayment;
    const file = facts.file;
    const none = { label: l('首期款', '首期款', 'Down payment'), value: l('无', '無', 'none') };
    if (!item || !file || item.amountFen <= 0) return notApplicable(none);
    const paidAt = file.downPaymentPaidAt;
    const parts = item.reminderOffsets.map((offsetDays) =>
      reminderPart({
        label: l('首期款提醒', '首期款提醒', 'Down-payment reminder'),
        offsetDays,
        eventDay: item.dueOn,
        reminder: item.reminders.find((reminder) => reminder.offsetDays === offsetDays),
        startedAt: file.openedAt,
        settledAt: paidAt,
        now,
      }),
    );
    const dueEnd = endOfDay(item.dueOn);
    if (!paidAt || paidAt > dueEnd) {
      const label = l('逾期上报项目经理', '逾期上報項目經理', 'Overdue reported to the manager');
      const report = item.overdueReport;
      // The report goes at the end of the due day (or the next working day's start); an hour's grace for the job runner.
      const reportBy = report
        ? new Date(new Date(report.plannedAt).getTime() + 3_600_000).toISOString()
        : dueEnd;
      if (now.toISOString() <= dueEnd) parts.push(pending(dueEnd, { label, value: item.dueOn }));
      else if (report?.sentAt && report.sentAt <= reportBy) parts.push(met({ label, at: report.sentAt }));
      else if (!report?.sentAt && now.toISOString() <= reportBy)
        parts.push(pending(reportBy, { label, at: report?.plannedAt ?? null }));
      else
        parts.push(
          missed({
            label,
            value: l('未按时上报', '未按時上報', 'not reported in time'),
            at: report?.sentAt ?? null,
          }),
        );
    }
    return combine(parts, none);
  },
});

export const mortgageReminders = defineCheck<DealConformanceFacts>({
  subjectKind: 'deal',
  id: 'SA-16.mortgage_reminders',
  ruleId: 'SA-16',
  version: 2,
  title: l('按揭办理提前通知', '按揭辦理提前通知', 'Mortgage appointment notices on time'),
  evaluate(facts, now) {
    const none = { label: l('按揭预约', '按揭預約', 'Mortgage appointment'), value: l('无', '無', 'none') };
    const parts = facts.mortgage.appointments
      .filter((appointment) => appointment.status !== 'cancelled')
      .flatMap((appointment) =>
        facts.mortgage.reminderOffsets.map((offsetDays) =>
          reminderPart({
            label: l('按揭办理通知', '按揭辦理通知', 'Mortgage notice'),
            offsetDays,
            eventDay: shanghaiDay(appointment.appointmentAt),
            reminder: appointment.reminders.find((reminder) => reminder.offsetDays === offsetDays),
            startedAt: appointment.createdAt,
            settledAt: null,
            now,
          }),
        ),
      );
    return combine(parts, none);
  },
});
