import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { shanghaiTime } from '../../platform/excel/export.js';
import {
  cancelNotifications,
  loadWorkingCalendar,
  notify,
  registerCustomerContactResolver,
  reminderInstant,
  shanghaiDate,
} from '../notify/index.js';
import { getSetting } from '../settings/index.js';
import './customers.notifications.js';
import { findProjectManagers, StaffNames } from './customers.people.js';
import { displayPhone } from './customers.rules.js';
import type { CampaignsTable, CustomersTable, FollowUpsTable, KeyKind } from './customers.tables.js';

const keyKindNames: Record<KeyKind, string> = { developer: '发展商', peer: '同行', media: '媒体' };

/** SA-3: developers, peers and media are key customers; the project's managers are told at once. */
export async function notifyManagersOfKeyCustomer(
  trx: Tx,
  options: {
    actor: Actor;
    customer: Pick<CustomersTable, 'id' | 'projectId' | 'name' | 'keyKind'>;
    now: Date;
  },
): Promise<void> {
  const { actor, customer, now } = options;
  const managers = await findProjectManagers(trx, actor, customer.projectId);
  if (managers.length === 0 || !customer.keyKind) return;
  await notify(trx, {
    event: 'customers.keyCustomer',
    projectId: customer.projectId,
    recipients: managers.map((manager) => ({ kind: 'staff' as const, staffId: manager.id })),
    params: {
      customerName: customer.name,
      kind: keyKindNames[customer.keyKind],
      consultantName: actor.displayName,
    },
    link: `/customers/${customer.id}`,
    dedupeKey: `customers:key:${customer.id}`,
    now,
  });
}

function followUpKey(followUpId: string): string {
  return `customers:follow-up:${followUpId}`;
}

/**
 * SA-2: the reminder is queued with the follow-up and goes out the setting's minutes before it;
 * with working days (setting notify.dayCountMode) a reminder that would fall on a rest day goes
 * out at the same time on the working day before, so a weekend callback is prepared in the week.
 */
export async function scheduleFollowUpReminder(
  trx: Tx,
  options: { companyId: string; followUp: FollowUpsTable; customerName?: string; now: Date },
): Promise<void> {
  const { followUp, now } = options;
  const leadMinutes = await getSetting(trx, 'sales.followUpReminderMinutes', {
    companyId: options.companyId,
  });
  const nominal = new Date(Date.parse(followUp.plannedAt) - leadMinutes * 60_000);
  const calendar = await loadWorkingCalendar(trx, {
    companyId: options.companyId,
    projectId: followUp.projectId,
  });
  const placed = reminderInstant(
    shanghaiDate(nominal),
    shanghaiTime(nominal.toISOString()).slice(11, 16),
    calendar,
    now,
  );
  // A follow-up planned within the lead time (or in the past) is announced at once, as before.
  const sendAt = placed ?? new Date(Math.max(now.getTime(), nominal.getTime()));
  const customerName =
    options.customerName ??
    (
      await trx
        .selectFrom('customers')
        .select('name')
        .where('id', '=', followUp.customerId)
        .executeTakeFirst()
    )?.name ??
    '';
  await notify(trx, {
    event: 'customers.followUpDue',
    projectId: followUp.projectId,
    recipients: [{ kind: 'staff', staffId: followUp.staffId }],
    params: { customerName, plannedAt: shanghaiTime(followUp.plannedAt).slice(0, 16), theme: followUp.theme },
    sendAt,
    link: `/customers/${followUp.customerId}`,
    dedupeKey: followUpKey(followUp.id),
    now,
  });
}

export async function cancelFollowUpReminder(trx: Tx, followUpId: string, now: Date): Promise<void> {
  await cancelNotifications(trx, { dedupeKeyPrefix: followUpKey(followUpId), now });
}

export async function notifyManagersOfReassignmentRequest(
  trx: Tx,
  options: {
    actor: Actor;
    projectId: string;
    requestId: string;
    customerName: string;
    reason: string;
    now: Date;
  },
): Promise<void> {
  const { actor, projectId, now } = options;
  const managers = await findProjectManagers(trx, actor, projectId);
  if (managers.length === 0) return;
  await notify(trx, {
    event: 'customers.reassignmentRequested',
    projectId,
    recipients: managers.map((manager) => ({ kind: 'staff' as const, staffId: manager.id })),
    params: {
      consultantName: actor.displayName,
      customerName: options.customerName,
      reason: options.reason || '—',
    },
    link: '/customers/ownership',
    dedupeKey: `customers:reassign:${options.requestId}`,
    now,
  });
}

export async function notifyOwnerChange(
  trx: Tx,
  options: {
    actor: Actor;
    customer: CustomersTable;
    fromStaffId: string | null;
    toStaffId: string;
    now: Date;
  },
): Promise<void> {
  const { customer, now } = options;
  const toName = (await new StaffNames(trx, options.actor).get(options.toStaffId)) ?? '';
  const recipients = [options.toStaffId, options.fromStaffId].filter(
    (id): id is string => Boolean(id) && id !== options.actor.staffId,
  );
  if (recipients.length === 0) return;
  await notify(trx, {
    event: 'customers.ownerChanged',
    projectId: customer.projectId,
    recipients: recipients.map((staffId) => ({ kind: 'staff' as const, staffId })),
    params: { customerName: customer.name, toName },
    link: `/customers/${customer.id}`,
    now,
  });
}

/** SA-18: one message per consenting past customer, with their own unsubscribe link. */
export async function sendCampaignMessage(
  trx: Tx,
  options: {
    actor: Actor;
    campaign: CampaignsTable;
    projectName: string;
    customer: CustomersTable;
    phoneE164: string;
    siteUrl: string;
    now: Date;
  },
): Promise<void> {
  const { campaign, customer, now } = options;
  await notify(trx, {
    event: 'customers.newProject',
    projectId: campaign.projectId,
    recipients: [
      {
        kind: 'customer',
        customerId: customer.id,
        name: customer.name,
        phone: displayPhone(options.phoneE164),
        hasContactConsent: customer.hasMarketingConsent === 1,
        locale: customer.locale === 'zh-TW' || customer.locale === 'en' ? customer.locale : 'zh-CN',
      },
    ],
    params: {
      customerName: customer.name,
      projectName: options.projectName,
      message: campaign.message,
      unsubscribeUrl: `${options.siteUrl.replace(/\/$/, '')}/unsubscribe/${customer.id}.${customer.unsubscribeToken}`,
    },
    dedupeKey: `customers:campaign:${campaign.id}:${customer.id}`,
    now,
  });
}

// Consent is checked again when a queued message goes out: an unsubscribe or erasure stops it.
registerCustomerContactResolver(async (db, customerId) => {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
  if (!row || row.isErased) return null;
  const mobile = await db
    .selectFrom('customerPhones')
    .select('phoneE164')
    .where('customerId', '=', customerId)
    .where('kind', '=', 'mobile')
    .orderBy('sortOrder')
    .executeTakeFirst();
  return {
    name: row.name,
    phone: mobile ? displayPhone(mobile.phoneE164) : null,
    email: null,
    hasContactConsent: row.hasContactConsent === 1 || row.hasMarketingConsent === 1,
    locale: row.locale === 'zh-TW' || row.locale === 'en' ? row.locale : 'zh-CN',
  };
});
