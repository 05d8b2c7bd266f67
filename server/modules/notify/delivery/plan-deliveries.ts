/**
 * Delivery planning: who gets a notification on which channels — staff by their choices, customers
 * only with consent (checked again at send time), customer SMS never in quiet hours.
 */
import type { Locale } from '../../../../contracts/locales.js';
import { resolveLocale } from '../../../../contracts/locales.js';
import type { Db } from '../../../platform/db/database.js';
import { type JobContext, newOrderedId } from '../../../platform/jobs/index.js';
import { getSetting } from '../../settings/index.js';
import { renderText, resolveTemplate } from '../notify.render.js';
import type { Channel, NotificationsTable } from '../notify.tables.js';
import { afterQuietHours, isInQuietHours, type QuietHours } from '../notify.time.js';
import type { Recipient } from '../use-cases/notify.js';
import type { DeliverPayload, DeliveryRow } from './deliver-payload.js';
import { loadStaffRecipients } from './staff-recipients.js';

export interface CustomerContact {
  name: string;
  phone: string | null;
  email: string | null;
  hasContactConsent: boolean;
  locale?: Locale;
}
type CustomerContactResolver = (db: Db, customerId: string) => Promise<CustomerContact | null>;
let customerContactResolver: CustomerContactResolver | null = null;

/**
 * The customer module registers how to read a customer's current contact and consent; when set,
 * consent is checked again at send time (withdrawn consent stops reminders already queued).
 */
export function registerCustomerContactResolver(resolver: CustomerContactResolver): void {
  customerContactResolver = resolver;
}

export interface PlanResult {
  rows: DeliveryRow[];
  deferred: { runAt: Date; rows: DeliveryRow[] } | null;
}

export async function planDeliveries(
  ctx: JobContext<DeliverPayload>,
  notification: NotificationsTable,
): Promise<PlanResult> {
  const { db } = ctx;
  const params = JSON.parse(notification.paramsJson) as Record<string, string | number>;
  const recipients = JSON.parse(notification.recipientsJson) as Recipient[];
  const needsQuietHours = recipients.some((recipient) => recipient.kind === 'customer');
  const quiet = needsQuietHours
    ? ((await getSetting(db, 'notify.quietHours', {
        companyId: notification.companyId,
        projectId: notification.projectId,
      })) as QuietHours)
    : { start: '00:00', end: '00:00' };
  const at = ctx.now.toISOString();
  const sendAt = new Date(notification.sendAt);
  const rows: DeliveryRow[] = [];
  const deferredRows: DeliveryRow[] = [];
  const quietNow = isInQuietHours(ctx.now, quiet);
  const deferredRunAt = afterQuietHours(ctx.now, quiet);

  const make = async (
    channel: Channel,
    recipient: {
      key: string;
      kind: DeliveryRow['recipientKind'];
      name: string;
      address: string;
      locale: Locale;
    },
    outcome: { status: 'pending' } | { status: 'skipped'; code: string; message: string },
    dueAt: Date = sendAt,
  ): Promise<DeliveryRow> => {
    const template = await resolveTemplate(db, notification.companyId, notification.event, recipient.locale);
    return {
      id: newOrderedId(),
      notificationId: notification.id,
      jobId: ctx.jobId,
      companyId: notification.companyId,
      projectId: notification.projectId,
      event: notification.event,
      channel,
      recipientKey: recipient.key,
      recipientKind: recipient.kind,
      recipientName: recipient.name,
      address: recipient.address,
      locale: recipient.locale,
      title: renderText(notification.event, template.title, params),
      body: renderText(notification.event, template.body, params),
      templateVersion: template.version,
      status: outcome.status,
      attempts: 0,
      dueAt: dueAt.toISOString(),
      sentAt: null,
      providerMessageId: null,
      providerAnswer: null,
      errorCode: outcome.status === 'skipped' ? outcome.code : null,
      errorMessage: outcome.status === 'skipped' ? outcome.message : null,
      isPossibleDuplicate: 0,
      resendOf: null,
      createdAt: at,
      updatedAt: at,
    };
  };

  const staffRecipients = await loadStaffRecipients(
    db,
    recipients.flatMap((recipient) => (recipient.kind === 'staff' ? [recipient.staffId] : [])),
  );
  for (const recipient of recipients) {
    if (recipient.kind === 'staff') {
      const staff = staffRecipients.get(recipient.staffId);
      const key = `staff:${recipient.staffId}`;
      if (!staff || staff.companyId !== notification.companyId || staff.isDisabled) {
        const reason =
          !staff || staff.companyId !== notification.companyId ? 'recipient_unknown' : 'recipient_disabled';
        rows.push(
          await make(
            'inapp',
            {
              key,
              kind: 'staff',
              name: staff?.displayName ?? recipient.staffId,
              address: '',
              locale: 'zh-CN',
            },
            {
              status: 'skipped',
              code: reason,
              message:
                reason === 'recipient_unknown'
                  ? 'no such member of staff in this company'
                  : 'the member of staff is disabled',
            },
          ),
        );
        continue;
      }
      const locale = resolveLocale(staff.locale);
      const preferences = { channels: staff.channels, email: staff.email };
      const base = { key, kind: 'staff' as const, name: staff.displayName, locale };
      if (preferences.channels.inapp)
        rows.push(await make('inapp', { ...base, address: staff.id }, { status: 'pending' }));
      if (preferences.channels.email)
        rows.push(
          await make(
            'email',
            { ...base, address: preferences.email },
            preferences.email
              ? { status: 'pending' }
              : { status: 'skipped', code: 'no_address', message: 'no email address in the preferences' },
          ),
        );
      if (preferences.channels.sms)
        rows.push(
          await make(
            'sms',
            { ...base, address: staff.mobile },
            staff.mobile
              ? { status: 'pending' }
              : { status: 'skipped', code: 'no_address', message: 'no mobile number on the staff record' },
          ),
        );
      if (preferences.channels.wecom)
        rows.push(await make('wecom', { ...base, address: staff.mobile }, { status: 'pending' }));
      continue;
    }
    if (recipient.kind === 'requester') {
      rows.push(
        await make(
          'sms',
          {
            key: recipient.key,
            kind: 'customer',
            name: recipient.name,
            address: recipient.phone,
            locale: resolveLocale(recipient.locale),
          },
          { status: 'pending' },
        ),
      );
      continue;
    }
    const contact: CustomerContact | null = customerContactResolver
      ? await customerContactResolver(db, recipient.customerId)
      : {
          name: recipient.name,
          phone: recipient.phone ?? null,
          email: recipient.email ?? null,
          hasContactConsent: recipient.hasContactConsent,
          locale: recipient.locale,
        };
    const key = `customer:${recipient.customerId}`;
    const locale = resolveLocale(contact?.locale ?? recipient.locale);
    const base = { key, kind: 'customer' as const, name: contact?.name ?? recipient.name, locale };
    if (!contact?.hasContactConsent) {
      rows.push(
        await make(
          'sms',
          { ...base, address: contact?.phone ?? '' },
          {
            status: 'skipped',
            code: 'no_consent',
            message: contact
              ? 'the customer has not consented to be contacted'
              : 'the customer no longer exists',
          },
        ),
      );
      continue;
    }
    if (!contact.phone && !contact.email) {
      rows.push(
        await make(
          'sms',
          { ...base, address: '' },
          { status: 'skipped', code: 'no_address', message: 'the customer has no phone or email' },
        ),
      );
      continue;
    }
    if (contact.phone) {
      const due = afterQuietHours(sendAt, quiet);
      const row = await make('sms', { ...base, address: contact.phone }, { status: 'pending' }, due);
      if (quietNow) deferredRows.push(row);
      else rows.push(row);
    }
    if (contact.email)
      rows.push(await make('email', { ...base, address: contact.email }, { status: 'pending' }));
  }
  return { rows, deferred: deferredRows.length ? { runAt: deferredRunAt, rows: deferredRows } : null };
}
