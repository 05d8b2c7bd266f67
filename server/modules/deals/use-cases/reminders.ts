import { type Actor, systemActor } from '../../../platform/auth/actor.js';
import type { Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { getCustomerById } from '../../customers/index.js';
import {
  escalationInstant,
  loadWorkingCalendar,
  notify,
  registerEscalationCheck,
  scheduleEscalation,
} from '../../notify/index.js';
import { getSetting } from '../../settings/index.js';
import * as queries from '../deals.queries.js';
import {
  type ChecklistItem,
  endOfShanghaiDay,
  mortgageConsultantKey,
  reminderSlots,
  shanghaiMinute,
  type TaskSubject,
  taskTitleInChinese,
} from '../deals.rules.js';
import type { ReminderKind } from '../deals.tables.js';
import { formatYuan } from '../plan.rules.js';

/** Escalation check: true while a payment item is still not fully paid. */
export const unpaidCheck = 'deals.paymentItemUnpaid';
registerEscalationCheck(unpaidCheck, async (db, key) => {
  const item = await queries.findPaymentItem(db, key.replace(/^deal-item:/, ''));
  return Boolean(item && Number(item.paidFen) < Number(item.amountFen));
});

interface ReminderRecord {
  file: queries.TransactionFileRow;
  kind: ReminderKind;
  recipientKind: 'customer' | 'staff';
  recipientId: string;
  recipientName: string;
  sendAt: Date;
  title: string;
  body: string;
  dedupeKey: string;
  now: Date;
}

export async function recordReminder(trx: Tx, reminder: ReminderRecord) {
  await queries.insertReminder(trx, {
    id: newId(),
    transactionFileId: reminder.file.id,
    projectId: reminder.file.projectId,
    kind: reminder.kind,
    recipientKind: reminder.recipientKind,
    recipientId: reminder.recipientId,
    recipientName: reminder.recipientName,
    sendAt: reminder.sendAt.toISOString(),
    title: reminder.title,
    body: reminder.body,
    dedupeKey: reminder.dedupeKey,
    status: 'scheduled',
    createdAt: reminder.now.toISOString(),
  });
}

/** A consultant's task: its parameters kept so each reader sees it in their language, its Chinese title for search and audit. */
export async function insertTask(
  trx: Tx,
  task: {
    file: queries.TransactionFileRow;
    subject: TaskSubject;
    checklist: ChecklistItem[];
    dueAt: Date;
    now: Date;
  },
) {
  await queries.insertTask(trx, {
    id: newId(),
    transactionFileId: task.file.id,
    projectId: task.file.projectId,
    staffId: task.file.consultantId,
    kind: task.subject.kind,
    title: taskTitleInChinese(task.subject),
    paramsJson: JSON.stringify(task.subject.params),
    checklistJson: JSON.stringify(task.checklist),
    dueAt: task.dueAt.toISOString(),
    status: 'open',
    doneAt: null,
    createdAt: task.now.toISOString(),
  });
}

/** A buyer as a notification recipient: the consent decides whether anything is sent (PRIV). */
export function customerRecipient(customer: { id: string; name: string; hasContactConsent: boolean }) {
  return {
    kind: 'customer' as const,
    customerId: customer.id,
    name: customer.name,
    hasContactConsent: customer.hasContactConsent,
  };
}

const checklistText = (items: ChecklistItem[]) => items.map((item) => item.label['zh-CN']).join('、');

/**
 * SA-14, in the transaction that opens the file: reminders to the buyer (default 5 and 2 days
 * before the down payment), a follow-up task to the consultant with the mortgage document
 * checklist at the same moments, and an escalation to the project manager(s) at the end of the
 * due day if it is still unpaid.
 */
export async function scheduleDownPaymentReminders(
  trx: Tx,
  options: {
    actor: Actor;
    file: queries.TransactionFileRow;
    item: queries.PaymentItemRow;
    consultantName: string;
    managerIds: string[];
    checklist: ChecklistItem[];
    now: Date;
  },
) {
  const { actor, file, item, now } = options;
  const offsets = await getSetting(trx, 'deals.downPaymentReminderDays', {
    companyId: actor.companyId,
    projectId: file.projectId,
  });
  // The reminders address the buyer on the file's behalf: the approver may be a designated
  // colleague (SA-13) who may not open this consultant's customer, so the lookup is the system's.
  const customer = await getCustomerById(trx, systemActor(actor.companyId), file.customerId);
  const amount = formatYuan(Number(item.amountFen));
  const documents = checklistText(options.checklist);
  const calendar = await loadWorkingCalendar(trx, { companyId: actor.companyId, projectId: file.projectId });
  for (const slot of reminderSlots({ date: item.dueOn, offsets, now, calendar })) {
    const params = {
      customerName: customer.name,
      unit: file.unitNumber,
      amount,
      dueDate: item.dueOn,
      // What the buyer reads: the days actually left, once the reminder moved off a rest day.
      daysBefore: slot.daysAhead,
    };
    const customerKey = `deal:${file.id}:down-payment:customer:T-${slot.daysBefore}`;
    await notify(trx, {
      event: 'deals.downPaymentDue',
      projectId: file.projectId,
      recipients: [customerRecipient(customer)],
      params,
      sendAt: slot.sendAt,
      dedupeKey: customerKey,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'down_payment_buyer',
      recipientKind: 'customer',
      recipientId: customer.id,
      recipientName: customer.name,
      sendAt: slot.sendAt,
      title: `首期款提醒(提前 ${slot.daysAhead} 天)`,
      body: `${customer.name}:${file.unitNumber} 首期款 ${amount} 元,${item.dueOn} 到期${customer.hasContactConsent ? '' : '(客户未同意接收通知,将不发送短信)'}`,
      dedupeKey: customerKey,
      now,
    });
    const taskKey = `deal:${file.id}:down-payment:consultant:T-${slot.daysBefore}`;
    await notify(trx, {
      event: 'deals.downPaymentTask',
      projectId: file.projectId,
      recipients: [{ kind: 'staff', staffId: file.consultantId }],
      params: { ...params, documents },
      sendAt: slot.sendAt,
      dedupeKey: taskKey,
      link: `/deals/files/${file.id}`,
      now,
    });
    await insertTask(trx, {
      file,
      subject: {
        kind: 'down_payment_follow_up',
        params: { customerName: customer.name, amountFen: Number(item.amountFen), dueOn: item.dueOn },
      },
      checklist: options.checklist,
      dueAt: slot.sendAt,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'down_payment_consultant',
      recipientKind: 'staff',
      recipientId: file.consultantId,
      recipientName: options.consultantName,
      sendAt: slot.sendAt,
      title: `首期款跟进任务(提前 ${slot.daysAhead} 天)`,
      body: `按揭资料:${documents}`,
      dedupeKey: taskKey,
      now,
    });
  }
  if (options.managerIds.length) {
    // Unpaid at the end of a due day that is a rest day: the managers hear at the start of the next
    // working day (as CS-3 escalations do), when the buyer's bank has been open to them.
    const dueAt = escalationInstant(endOfShanghaiDay(item.dueOn), calendar);
    await scheduleEscalation(trx, {
      key: `deal-item:${item.id}`,
      dueAt,
      check: unpaidCheck,
      notifyStaffIds: options.managerIds,
      event: 'deals.downPaymentOverdue',
      params: {
        customerName: customer.name,
        unit: file.unitNumber,
        amount,
        dueDate: item.dueOn,
        consultant: options.consultantName,
      },
      projectId: file.projectId,
      link: `/deals/files/${file.id}`,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'down_payment_overdue',
      recipientKind: 'staff',
      recipientId: options.managerIds.join(','),
      recipientName: '项目经理',
      sendAt: dueAt,
      title: '首期款逾期上报(如届时未付清)',
      body: `${item.dueOn} 当日未付清即通知项目经理`,
      dedupeKey: `escalation:deal-item:${item.id}`,
      now,
    });
  }
}

/** SA-16: notices 7, 3 and 1 day before a mortgage appointment, at the appointment's wall-clock time. */
export async function scheduleMortgageNotices(
  trx: Tx,
  options: {
    actor: Actor;
    file: queries.TransactionFileRow;
    appointment: queries.MortgageRow;
    documents: string;
    now: Date;
  },
) {
  const { actor, file, appointment, now } = options;
  const offsets = await getSetting(trx, 'deals.mortgageReminderDays', {
    companyId: actor.companyId,
    projectId: file.projectId,
  });
  const customer = await getCustomerById(trx, actor, file.customerId);
  const [date, time] = shanghaiMinute(appointment.appointmentAt).split(' ');
  const calendar = await loadWorkingCalendar(trx, { companyId: actor.companyId, projectId: file.projectId });
  for (const slot of reminderSlots({ date, offsets, now, time, calendar })) {
    const key = `deal:${file.id}:mortgage:${appointment.id}:T-${slot.daysBefore}`;
    const params = {
      customerName: customer.name,
      unit: file.unitNumber,
      bank: appointment.bank,
      place: appointment.place,
      time: `${date} ${time}`,
      documents: options.documents,
      daysBefore: slot.daysAhead,
    };
    await notify(trx, {
      event: 'deals.mortgageNotice',
      projectId: file.projectId,
      recipients: [customerRecipient(customer)],
      params,
      sendAt: slot.sendAt,
      dedupeKey: key,
      now,
    });
    // The buyer's SMS or e-mail records no reading; the consultant's in-app notice of the same slot
    // does, and is what SA-16 counts as acknowledged (as SA-14's task does).
    await notify(trx, {
      event: 'deals.mortgageTask',
      projectId: file.projectId,
      recipients: [{ kind: 'staff', staffId: file.consultantId }],
      params,
      sendAt: slot.sendAt,
      dedupeKey: mortgageConsultantKey(key),
      link: `/deals/files/${file.id}`,
      now,
    });
    await recordReminder(trx, {
      file,
      kind: 'mortgage_notice',
      recipientKind: 'customer',
      recipientId: customer.id,
      recipientName: customer.name,
      sendAt: slot.sendAt,
      title: `按揭办理通知(提前 ${slot.daysAhead} 天)`,
      body: `${date} ${time} ${appointment.place},${appointment.bank};携带:${options.documents}`,
      dedupeKey: key,
      now,
    });
  }
}
