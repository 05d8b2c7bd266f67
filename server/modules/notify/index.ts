/**
 * Notifications — the one service business code calls to tell people something.
 *
 * 1. Declare your events' templates (three languages, `{placeholder}`s) in your module, e.g.
 *    `server/modules/deals/deals.notifications.ts`, imported from your module's index.ts:
 *
 *      import { defineNotificationTemplates } from '../notify/index.js';
 *      export const dealTemplates = defineNotificationTemplates({
 *        'deals.downPaymentDue': {
 *          label: { 'zh-CN': '首期款到期提醒', 'zh-TW': '首期款到期提醒', en: 'Down payment due' },
 *          params: ['customerName', 'unit', 'amount', 'dueDate'],
 *          rule: 'SA-14',                       // groups the on-time report
 *          smsTemplateCode: 'SMS_DOWN_PAYMENT', // code approved at the SMS gateway
 *          example: { customerName: '张先生', unit: '1-1201', amount: '300,000.00', dueDate: '2026-12-01' },
 *          text: {
 *            'zh-CN': { title: '首期款提醒', body: '{customerName}您好,{unit} 首期款 {amount} 元将于 {dueDate} 到期。' },
 *            'zh-TW': { title: '首期款提醒', body: '{customerName}您好,{unit} 首期款 {amount} 元將於 {dueDate} 到期。' },
 *            en: { title: 'Down payment reminder', body: 'Dear {customerName}, the down payment of CNY {amount} for {unit} is due on {dueDate}.' },
 *          },
 *        },
 *      });
 *
 *    Administrators can then edit the texts (new versions, preview) under 通知中心 → 模板.
 *
 * 2. In your use case's transaction:
 *      await notify(trx, { event: 'deals.downPaymentDue', projectId, recipients: [{ kind: 'customer', customerId,
 *        name, phone, email, hasContactConsent }], params: {...}, sendAt, dedupeKey: `deal:${id}:dp:T-5`, now });
 *    The send is queued in the same transaction (outbox) and delivered exactly once by the job runner.
 *    Staff get in-app (bell) plus the channels they chose; customers get SMS/email only with consent;
 *    customer SMS in quiet hours (setting notify.quietHours) waits for the window's end.
 *    Rescheduling: `cancelNotifications(trx, { dedupeKeyPrefix: `deal:${id}:` })` then notify again.
 *    Send times: `reminderSendTimes({ dueDate, offsetsDays, time, onNonWorkingDay })`, `addWorkingDays`,
 *    `isWorkingDay` (Chinese public holidays and make-up working days via chinese-days).
 *    Reminders dated from a due date: load `loadWorkingCalendar(trx, { companyId, projectId })` (the
 *    setting notify.dayCountMode and the administrator's calendar) and pass it to `reminderInstant`
 *    (a rest day moves to the working day before) or `escalationInstant` (waits for the next one).
 *
 * 3. "If not handled by T, notify X": register a check at module load and schedule in the transaction:
 *      registerEscalationCheck('calls.message', async (db, key) => isStillUnhandled(db, key));
 *      await scheduleEscalation(trx, { key: `message:${id}`, dueAt, check: 'calls.message',
 *        notifyStaffIds: [headId], event: 'notify.escalation', params: { subject, dueAt: '…' } });
 *      await cancelEscalation(trx, `message:${id}`); // when handled (optional: the check runs anyway)
 */

export { calendarRoutes } from './calendar.routes.js';
export { findRestDays, loadWorkingCalendar } from './calendar.service.js';
export { notifyRoutes } from './notify.routes.js';

// The delivery job registers its handler at load.
import './delivery/deliver-job.js';

export { type CustomerContact, registerCustomerContactResolver } from './delivery/plan-deliveries.js';
// Read by other modules' conformance fact sources: whether their reminders went out, and when.
export { type DeliveryFact, findDeliveriesByDedupeKey } from './delivery-facts.queries.js';
export { notifyEncryptedData } from './notify.encrypted.js';
export type { Channel, NotifyTables } from './notify.tables.js';
export { defineNotificationTemplates, type NotificationTemplateDefinition } from './notify.templates.js';
export {
  addCalendarDays,
  addWorkingDays,
  afterQuietHours,
  atShanghaiTime,
  type CalendarOverrides,
  type DayCountMode,
  escalationInstant,
  isInQuietHours,
  isPublicHoliday,
  isWorkingDay,
  reminderDay,
  reminderInstant,
  reminderSendTimes,
  restDayReason,
  shanghaiDate,
  type WorkingCalendar,
} from './notify.time.js';
export { isChannelEnabled } from './provider-settings.js';
export {
  cancelEscalation,
  type EscalationCheck,
  type EscalationInput,
  registerEscalationCheck,
  scheduleEscalation,
} from './use-cases/escalation.js';
export {
  cancelNotifications,
  type NotifyInput,
  type NotifyResult,
  notify,
  type Recipient,
  readdressNotifications,
} from './use-cases/notify.js';
