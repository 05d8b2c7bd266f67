import type { Locale } from '../../../contracts/locales.js';
import { resolveLocale } from '../../../contracts/locales.js';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import { decryptText, encryptText } from '../../platform/crypto/index.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import {
  type BatchContext,
  cancelJobs,
  insertRows,
  type JobContext,
  JobDeferred,
  newOrderedId,
  registerJobHandler,
  scheduleJob,
} from '../../platform/jobs/index.js';
import { publishLive, publishLiveMany } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import { notifyErrors } from './notify.errors.js';
import {
  type EmailConfig,
  type EmailSecret,
  type OutgoingMessage,
  ProviderError,
  type ProviderResult,
  type SmsConfig,
  type SmsSecret,
  sendEmail,
  sendSms,
  sendWecom,
  type WecomConfig,
  type WecomSecret,
} from './notify.providers.js';
import {
  assertParams,
  maskSecretParams,
  renderText,
  requireDefinition,
  resolveTemplate,
  templateTextOf,
} from './notify.render.js';
import type { Channel, NotificationsTable, NotifyDeliveriesTable } from './notify.tables.js';
import { afterQuietHours, isInQuietHours, type QuietHours } from './notify.time.js';

export type Recipient =
  | { kind: 'staff'; staffId: string }
  | {
      kind: 'customer';
      customerId: string;
      name: string;
      phone?: string | null;
      email?: string | null;
      /** The consent the customer record holds; without it nothing is sent (logged as skipped). */
      hasContactConsent: boolean;
      locale?: Locale;
    }
  | {
      /**
       * Someone who has just asked for this very message at this number (a one-time sign-in code):
       * an SMS sent at once — asking is the consent, and quiet hours would make the code useless.
       * `key` names them in the delivery log, e.g. `opening_buyer:<id>`.
       */
      kind: 'requester';
      key: string;
      name: string;
      phone: string;
      locale?: Locale;
    };

export interface NotifyInput {
  /** A template event, e.g. 'deals.downPaymentDue' (see defineNotificationTemplates). */
  event: string;
  projectId?: string | null;
  /** Needed only when neither a project nor a staff recipient tells the company. */
  companyId?: string;
  recipients: Recipient[];
  /** Values for the template's placeholders; each declared one is required. */
  params: Record<string, string | number>;
  /** When to send (default: now). Customer SMS falling in quiet hours moves to the window's end. */
  sendAt?: Date;
  /** One notification per key: a repeat returns the first one. Cancel with cancelNotifications. */
  dedupeKey?: string;
  /** In-app link (a web path such as `/deals/123`). */
  link?: string;
  /** The use case's clock. */
  now?: Date;
}

export interface NotifyResult {
  notificationId: string;
  jobId: string;
  /** True when the dedupeKey matched an existing notification (nothing new was created). */
  deduplicated: boolean;
}

export const deliverJobKind = 'notify.deliver';
export const escalateJobKind = 'notify.escalate';
const dedupePrefix = 'notify:';
const maxDeliverAttempts = 10;

async function companyOf(trx: Tx, input: NotifyInput): Promise<string> {
  if (input.companyId) return input.companyId;
  if (input.projectId) {
    const project = await trx
      .selectFrom('projects')
      .select('companyId')
      .where('id', '=', input.projectId)
      .executeTakeFirst();
    if (project) return project.companyId;
  }
  const staff = input.recipients.find((recipient) => recipient.kind === 'staff');
  if (staff) {
    const row = await trx
      .selectFrom('staff')
      .select('companyId')
      .where('id', '=', staff.staffId)
      .executeTakeFirst();
    if (row) return row.companyId;
  }
  throw new AppError(notifyErrors.COMPANY_UNKNOWN);
}

/**
 * Queues a notification inside the caller's transaction (outbox): its job exists exactly when the
 * business change commits. Throws a localised AppError for an unknown event, a missing placeholder
 * value or no recipients — the caller's transaction then rolls back and nothing is changed.
 */
export async function notify(trx: Tx, input: NotifyInput): Promise<NotifyResult> {
  const definition = requireDefinition(input.event);
  assertParams(input.event, definition, input.params);
  if (input.recipients.length === 0) throw new AppError(notifyErrors.NO_RECIPIENTS);
  const now = input.now ?? new Date();
  const sendAt = input.sendAt ?? now;
  const dedupeKey = input.dedupeKey === undefined ? undefined : `${dedupePrefix}${input.dedupeKey}`;
  if (dedupeKey) {
    const existing = await trx
      .selectFrom('jobs')
      .select(['id', 'payloadJson'])
      .where('dedupeKey', '=', dedupeKey)
      .executeTakeFirst();
    if (existing)
      return {
        notificationId: (JSON.parse(existing.payloadJson) as DeliverPayload).notificationId,
        jobId: existing.id,
        deduplicated: true,
      };
  }
  const companyId = await companyOf(trx, input);
  const notificationId = newOrderedId();
  const jobId = await scheduleJob(trx, {
    kind: deliverJobKind,
    runAt: sendAt,
    payload: { notificationId } satisfies DeliverPayload,
    dedupeKey,
    maxAttempts: maxDeliverAttempts,
    now,
  });
  const row: NotificationsTable = {
    id: notificationId,
    companyId,
    projectId: input.projectId ?? null,
    event: input.event,
    paramsJson: JSON.stringify(maskSecretParams(definition, input.params)),
    sealedParams: sealSecretParams(notificationId, definition.secretParams ?? [], input.params),
    recipientsJson: JSON.stringify(input.recipients),
    link: input.link ?? null,
    sendAt: sendAt.toISOString(),
    dedupeKey: input.dedupeKey ?? null,
    jobId,
    createdAt: now.toISOString(),
  };
  await trx.insertInto('notifications').values(row).execute();
  return { notificationId, jobId, deduplicated: false };
}

/** Binds sealed secret params to their notification: copied onto another row they do not decrypt. */
const sealedParamsContext = (notificationId: string) => `notification:${notificationId}`;

function sealSecretParams(
  notificationId: string,
  secretParams: readonly string[],
  params: Record<string, string | number>,
): string | null {
  if (secretParams.length === 0) return null;
  const secret = Object.fromEntries(secretParams.map((name) => [name, params[name]]));
  return encryptText(JSON.stringify(secret), sealedParamsContext(notificationId));
}

/** The real params, secrets decrypted — only for handing the message to a provider, never to be stored or shown. */
function revealParams(notification: NotificationsTable): Record<string, string | number> {
  const params = JSON.parse(notification.paramsJson) as Record<string, string | number>;
  if (!notification.sealedParams) return params;
  return {
    ...params,
    ...(JSON.parse(decryptText(notification.sealedParams, sealedParamsContext(notification.id))) as Record<
      string,
      string | number
    >),
  };
}

/** Cancels notifications not sent yet whose dedupeKey starts with the prefix (e.g. a paid deal's reminders). */
export async function cancelNotifications(
  trx: Tx,
  options: { dedupeKeyPrefix: string; now?: Date },
): Promise<number> {
  return cancelJobs(trx, { dedupeKeyPrefix: `${dedupePrefix}${options.dedupeKeyPrefix}`, now: options.now });
}

// --- escalation: "if not handled by T, notify X" ---

/** Answers true while the thing named by `key` is still unhandled (then the escalation fires). */
export type EscalationCheck = (db: Db, key: string) => Promise<boolean>;
const escalationChecks = new Map<string, EscalationCheck>();

/** Registers a check by name at module load, e.g. `registerEscalationCheck('calls.message', …)`. */
export function registerEscalationCheck(name: string, check: EscalationCheck): void {
  escalationChecks.set(name, check);
}

export interface EscalationInput {
  /** Identifies the watched thing, e.g. `message:<id>`; one escalation per key. */
  key: string;
  dueAt: Date;
  /** Name of a check registered with registerEscalationCheck. */
  check: string;
  notifyStaffIds: string[];
  /** Template event to send (e.g. 'notify.escalation' with {subject, dueAt}, or your own). */
  event: string;
  params: Record<string, string | number>;
  projectId?: string | null;
  companyId?: string;
  link?: string;
  /** Who opened it, for the audit log (default: the system). */
  actor?: Actor;
  now?: Date;
}

interface EscalatePayload extends Omit<EscalationInput, 'dueAt' | 'now' | 'actor'> {
  dueAt: string;
}

// An escalation's life is audited on its own entity (`escalation`, id = its key), whatever the
// watched thing is: opened (scheduled), escalated (fired: the people were notified) and closed
// (withdrawn because handled, or found handled at the due time). The watching module audits its
// own record as usual.
async function auditEscalation(
  trx: Tx,
  payload: Pick<EscalatePayload, 'key' | 'projectId' | 'companyId' | 'notifyStaffIds' | 'event' | 'params'>,
  entry: { action: 'open' | 'escalate' | 'close'; actor?: Actor; at: Date; after: Record<string, unknown> },
): Promise<void> {
  const companyId =
    payload.companyId ??
    (await companyOf(trx, {
      event: payload.event,
      params: payload.params,
      projectId: payload.projectId,
      recipients: payload.notifyStaffIds.map((staffId) => ({ kind: 'staff', staffId })),
    }));
  await writeAudit(trx, {
    actor: entry.actor ?? systemActor(companyId),
    entityType: 'escalation',
    entityId: payload.key,
    action: entry.action,
    projectId: payload.projectId ?? null,
    after: entry.after,
    at: entry.at,
  });
}

/**
 * Schedules "if `check` still says unhandled at `dueAt`, notify these people" in the caller's
 * transaction, and audits the opening. Scheduling an open key again changes nothing.
 */
export async function scheduleEscalation(trx: Tx, input: EscalationInput): Promise<string> {
  if (!escalationChecks.has(input.check))
    throw new AppError(notifyErrors.UNKNOWN_ESCALATION_CHECK, { check: input.check });
  const definition = requireDefinition(input.event);
  assertParams(input.event, definition, input.params);
  // The params wait in the job's payload until the due time: no place for a secret.
  if (definition.secretParams?.length)
    throw new Error(`Notification ${input.event} has secret params and cannot be an escalation`);
  if (input.notifyStaffIds.length === 0) throw new AppError(notifyErrors.NO_RECIPIENTS);
  const { dueAt, now, actor, ...rest } = input;
  const dedupeKey = `escalation:${input.key}`;
  const open = await trx
    .selectFrom('jobs')
    .select('id')
    .where('dedupeKey', '=', dedupeKey)
    .executeTakeFirst();
  if (open) return open.id;
  const payload = { ...rest, dueAt: dueAt.toISOString() } satisfies EscalatePayload;
  const jobId = await scheduleJob(trx, { kind: escalateJobKind, runAt: dueAt, payload, dedupeKey, now });
  await auditEscalation(trx, payload, {
    action: 'open',
    actor,
    at: now ?? new Date(),
    after: {
      dueAt: payload.dueAt,
      check: input.check,
      notifyStaffIds: input.notifyStaffIds,
      event: input.event,
    },
  });
  return jobId;
}

/** Withdraws an escalation not fired yet (the thing was handled) and audits the closing; returns 1 if one was open. */
export async function cancelEscalation(trx: Tx, key: string, now?: Date, actor?: Actor): Promise<number> {
  const dedupeKey = `escalation:${key}`;
  const open = await trx
    .selectFrom('jobs')
    .select('payloadJson')
    .where('dedupeKey', '=', dedupeKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const cancelled = await cancelJobs(trx, { dedupeKey, now });
  if (open && cancelled > 0)
    await auditEscalation(trx, JSON.parse(open.payloadJson) as EscalatePayload, {
      action: 'close',
      actor,
      at: now ?? new Date(),
      after: { reason: 'handled' },
    });
  return cancelled;
}

registerJobHandler<EscalatePayload>(escalateJobKind, async (ctx) => {
  const check = escalationChecks.get(ctx.payload.check);
  if (!check) throw new Error(`no escalation check named ${ctx.payload.check} is registered`);
  const stillOpen = await check(ctx.db, ctx.payload.key);
  if (!stillOpen) {
    await ctx.complete((trx) =>
      auditEscalation(trx, ctx.payload, {
        action: 'close',
        at: ctx.now,
        after: { reason: 'handled_by_due_time' },
      }),
    );
    return;
  }
  await ctx.complete(async (trx) => {
    const sent = await notify(trx, {
      event: ctx.payload.event,
      projectId: ctx.payload.projectId ?? null,
      companyId: ctx.payload.companyId,
      recipients: ctx.payload.notifyStaffIds.map((staffId) => ({ kind: 'staff', staffId })),
      params: ctx.payload.params,
      link: ctx.payload.link,
      dedupeKey: `escalated:${ctx.payload.key}:${ctx.jobId}`,
      now: ctx.now,
    });
    await auditEscalation(trx, ctx.payload, {
      action: 'escalate',
      at: ctx.now,
      after: {
        notifiedStaffIds: ctx.payload.notifyStaffIds,
        event: ctx.payload.event,
        notificationId: sent.notificationId,
      },
    });
  });
});

// --- customers: consent and contact at send time ---

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

// --- preferences ---

export type ChannelPreferences = Record<Channel, boolean>;
export const defaultPreferences: ChannelPreferences = { inapp: true, email: false, sms: false, wecom: false };

export async function readPreferences(
  db: Tx,
  staffId: string,
): Promise<{ channels: ChannelPreferences; email: string }> {
  const row = await db
    .selectFrom('notifyPreferences')
    .selectAll()
    .where('staffId', '=', staffId)
    .executeTakeFirst();
  if (!row) return { channels: { ...defaultPreferences }, email: '' };
  return {
    channels: { ...defaultPreferences, ...(JSON.parse(row.channelsJson) as Partial<ChannelPreferences>) },
    email: row.email,
  };
}

// --- providers ---

type ProviderChannel = Exclude<Channel, 'inapp'>;
export interface ProviderSettings {
  email: { config: EmailConfig; secret: EmailSecret };
  sms: { config: SmsConfig; secret: SmsSecret };
  wecom: { config: WecomConfig; secret: WecomSecret };
}

/** Binds a stored provider secret to its row: copied into another company or channel it does not decrypt. */
const secretContext = (companyId: string, channel: ProviderChannel) =>
  `notify_provider:${companyId}:${channel}`;

/** Provider secrets are stored AES-256-GCM encrypted (server/platform/crypto), never in clear. */
export function sealProviderSecret(companyId: string, channel: ProviderChannel, secret: object): string {
  return encryptText(JSON.stringify(secret), secretContext(companyId, channel));
}

export async function readProvider<C extends ProviderChannel>(
  db: Tx,
  companyId: string,
  channel: C,
): Promise<(ProviderSettings[C] & { isEnabled: boolean }) | null> {
  const row = await db
    .selectFrom('notifyProviders')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (!row) return null;
  return {
    config: JSON.parse(row.configJson),
    secret: JSON.parse(decryptText(row.secretJson, secretContext(companyId, channel))),
    isEnabled: row.isEnabled === 1,
  } as ProviderSettings[C] & { isEnabled: boolean };
}

/** Whether the company has this channel configured and switched on (callers may offer a fallback). */
export async function isChannelEnabled(
  db: Tx,
  companyId: string,
  channel: ProviderChannel,
): Promise<boolean> {
  return (await readProvider(db, companyId, channel))?.isEnabled === true;
}

export async function sendThroughProvider(
  db: Tx,
  companyId: string,
  channel: ProviderChannel,
  message: OutgoingMessage,
): Promise<ProviderResult> {
  const provider = await readProvider(db, companyId, channel);
  if (!provider?.isEnabled) throw new ProviderError(`${channel} channel not configured or disabled`, true);
  if (channel === 'email')
    return sendEmail(provider.config as EmailConfig, provider.secret as EmailSecret, message);
  if (channel === 'sms') return sendSms(provider.config as SmsConfig, provider.secret as SmsSecret, message);
  return sendWecom(provider.config as WecomConfig, provider.secret as WecomSecret, message);
}

// --- the delivery job ---

interface DeliverPayload {
  notificationId: string;
  /** Set for resends and quiet-hour follow-ups: their deliveries are created with the job. */
  planned?: boolean;
}

type DeliveryRow = NotifyDeliveriesTable;

function idempotencyKeyOf(delivery: Pick<DeliveryRow, 'jobId' | 'channel' | 'recipientKey'>): string {
  return `${delivery.jobId}:${delivery.channel}:${delivery.recipientKey}`;
}

interface PlanResult {
  rows: DeliveryRow[];
  deferred: { runAt: Date; rows: DeliveryRow[] } | null;
}

async function planDeliveries(
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

  for (const recipient of recipients) {
    if (recipient.kind === 'staff') {
      const staff = await db
        .selectFrom('staff')
        .leftJoin('notifyPreferences', 'notifyPreferences.staffId', 'staff.id')
        .select([
          'staff.id',
          'staff.companyId',
          'staff.displayName',
          'staff.mobile',
          'staff.locale',
          'staff.isDisabled',
          'notifyPreferences.channelsJson',
          'notifyPreferences.email',
        ])
        .where('staff.id', '=', recipient.staffId)
        .executeTakeFirst();
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
      const preferences = {
        channels: {
          ...defaultPreferences,
          ...(staff.channelsJson ? (JSON.parse(staff.channelsJson) as Partial<ChannelPreferences>) : {}),
        },
        email: staff.email ?? '',
      };
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

async function insertDeliveries(trx: Tx, rows: DeliveryRow[]): Promise<void> {
  for (let index = 0; index < rows.length; index += 50)
    await trx
      .insertInto('notifyDeliveries')
      .values(rows.slice(index, index + 50))
      .onConflict((conflict) => conflict.columns(['jobId', 'channel', 'recipientKey']).doNothing())
      .execute();
}

/** Customer SMS may not go out in quiet hours: they move to a follow-up job at the window's end. */
async function scheduleDeferred(
  trx: Tx,
  ctx: JobContext<DeliverPayload>,
  deferred: NonNullable<PlanResult['deferred']>,
): Promise<void> {
  const jobId = await scheduleJob(trx, {
    kind: deliverJobKind,
    runAt: deferred.runAt,
    payload: { notificationId: ctx.payload.notificationId, planned: true } satisfies DeliverPayload,
    dedupeKey: `${ctx.jobId}:quiet`,
    maxAttempts: maxDeliverAttempts,
    now: ctx.now,
  });
  await insertDeliveries(
    trx,
    deferred.rows.map((row) => ({ ...row, jobId })),
  );
}

/** In-app deliveries: inbox row, delivery log and live push in one transaction — exactly once. */
async function writeInapp(
  trx: Tx,
  rows: DeliveryRow[],
  notification: NotificationsTable,
  now: Date,
  instanceId: string,
  options: { deliveryRowsWritten?: boolean } = {},
): Promise<void> {
  const at = now.toISOString();
  for (const row of rows) {
    const inserted = await trx
      .insertInto('notifyInbox')
      .values({
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
      })
      .onConflict((conflict) => conflict.column('deliveryId').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!options.deliveryRowsWritten)
      await trx
        .updateTable('notifyDeliveries')
        .set({
          status: 'sent',
          sentAt: at,
          attempts: row.attempts + 1,
          updatedAt: at,
          providerAnswer: 'inbox',
          errorCode: null,
          errorMessage: null,
        })
        .where('id', '=', row.id)
        .execute();
    await trx
      .insertInto('notifyAttempts')
      .values({
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
      })
      .execute();
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

function elapsedClock(ctx: JobContext<unknown>): () => Date {
  const started = performance.now();
  return () => new Date(ctx.now.getTime() + Math.round(performance.now() - started));
}

async function sendExternal(
  ctx: JobContext<DeliverPayload>,
  row: DeliveryRow,
  notification: NotificationsTable,
  params: Record<string, string | number>,
  clock: () => Date,
  isLastAttempt: boolean,
) {
  const { db } = ctx;
  const attemptNo = row.attempts + 1;
  const startedAt = clock().toISOString();
  const attemptId = newOrderedId();
  // A delivery left "sending" was interrupted mid-send: the provider may have it already.
  const possibleDuplicate = row.status === 'sending' && row.channel !== 'sms' ? 1 : row.isPossibleDuplicate;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notifyDeliveries')
      .set({
        status: 'sending',
        attempts: attemptNo,
        isPossibleDuplicate: possibleDuplicate,
        updatedAt: startedAt,
      })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('notifyAttempts')
      .values({
        id: attemptId,
        deliveryId: row.id,
        attemptNo,
        idempotencyKey: idempotencyKeyOf(row),
        instanceId: ctx.instanceId,
        startedAt,
        finishedAt: null,
        status: 'sending',
        providerAnswer: null,
        errorMessage: null,
      })
      .execute();
  });
  const template = await resolveTemplate(db, row.companyId, row.event, row.locale);
  // The logged title and body carry masked secrets: the message itself is rendered again, with the
  // real values, from the template version the delivery was planned with.
  const text = notification.sealedParams
    ? await templateTextOf(db, row.companyId, row.event, row.locale, row.templateVersion)
    : null;
  const message: OutgoingMessage = {
    idempotencyKey: idempotencyKeyOf(row),
    to: row.address,
    title: text ? renderText(row.event, text.title, params) : row.title,
    body: text ? renderText(row.event, text.body, params) : row.body,
    templateCode: template.smsTemplateCode,
    templateParams: params,
    mentionMobiles: row.channel === 'wecom' && row.address ? [row.address] : undefined,
  };
  try {
    const result = await sendThroughProvider(db, row.companyId, row.channel as ProviderChannel, message);
    const at = clock().toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('notifyDeliveries')
        .set({
          status: 'sent',
          sentAt: at,
          providerMessageId: result.providerMessageId,
          providerAnswer: result.answer,
          errorCode: null,
          errorMessage: null,
          updatedAt: at,
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('notifyAttempts')
        .set({ status: 'sent', finishedAt: at, providerAnswer: result.answer })
        .where('id', '=', attemptId)
        .execute();
    });
    return { ok: true as const };
  } catch (error) {
    const providerError =
      error instanceof ProviderError
        ? error
        : new ProviderError(error instanceof Error ? error.message : String(error), true);
    const at = clock().toISOString();
    const giveUp = !providerError.retryable || isLastAttempt;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('notifyDeliveries')
        .set({
          status: giveUp ? 'dead' : 'failed',
          providerAnswer: providerError.answer,
          errorCode: providerError.retryable ? 'provider_error' : 'provider_rejected',
          errorMessage: providerError.message.slice(0, 1000),
          updatedAt: at,
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('notifyAttempts')
        .set({
          status: 'failed',
          finishedAt: at,
          providerAnswer: providerError.answer,
          errorMessage: providerError.message.slice(0, 1000),
        })
        .where('id', '=', attemptId)
        .execute();
    });
    return {
      ok: false as const,
      retry: providerError.retryable,
      message: `${row.channel} to ${row.recipientKey}: ${providerError.message}`,
    };
  }
}

/**
 * The fast path for the common case — runs whose recipients are all active staff who get in-app
 * only, and that have no deliveries yet: one read per table for the whole claim, and one
 * transaction that writes every delivery, inbox row and live event together with the jobs'
 * completion (prepared statements on SQLite). Anything else (customers, other channels, resumed
 * retries) is left to the one-by-one handler.
 */
async function deliverBatch(ctx: BatchContext<DeliverPayload>): Promise<string[]> {
  const { db } = ctx;
  const left: string[] = [];
  // A retried job whose earlier run wrote deliveries (an external send was under way) resumes in
  // the one-by-one handler; a retry with none (its run died before committing) starts afresh here.
  const retried = ctx.jobs.filter((job) => job.attempt > 1).map((job) => job.jobId);
  const resumed = new Set<string>();
  for (let index = 0; index < retried.length; index += 500)
    for (const row of await db
      .selectFrom('notifyDeliveries')
      .select('jobId')
      .distinct()
      .where('jobId', 'in', retried.slice(index, index + 500))
      .execute())
      resumed.add(row.jobId);
  const candidates = ctx.jobs.filter((job) => !job.payload.planned && !resumed.has(job.jobId));
  for (const job of ctx.jobs) if (job.payload.planned || resumed.has(job.jobId)) left.push(job.jobId);
  const notifications = new Map<string, NotificationsTable>();
  const ids = candidates.map((job) => job.payload.notificationId);
  for (let index = 0; index < ids.length; index += 500)
    for (const row of await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', 'in', ids.slice(index, index + 500))
      .execute())
      notifications.set(row.id, row);
  const staffIds = new Set<string>();
  const recipientsOf = new Map<string, Recipient[]>();
  for (const job of candidates) {
    const notification = notifications.get(job.payload.notificationId);
    if (!notification) continue;
    const recipients = JSON.parse(notification.recipientsJson) as Recipient[];
    recipientsOf.set(job.jobId, recipients);
    for (const recipient of recipients) if (recipient.kind === 'staff') staffIds.add(recipient.staffId);
  }
  const staffRows = new Map<
    string,
    {
      companyId: string;
      displayName: string;
      locale: string;
      isDisabled: number;
      channelsJson: string | null;
    }
  >();
  const staffIdList = [...staffIds];
  for (let index = 0; index < staffIdList.length; index += 500)
    for (const row of await db
      .selectFrom('staff')
      .leftJoin('notifyPreferences', 'notifyPreferences.staffId', 'staff.id')
      .select([
        'staff.id',
        'staff.companyId',
        'staff.displayName',
        'staff.locale',
        'staff.isDisabled',
        'notifyPreferences.channelsJson',
      ])
      .where('staff.id', 'in', staffIdList.slice(index, index + 500))
      .execute())
      staffRows.set(row.id, row);

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
        const channels = {
          ...defaultPreferences,
          ...(staff.channelsJson ? (JSON.parse(staff.channelsJson) as Partial<ChannelPreferences>) : {}),
        };
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

registerJobHandler<DeliverPayload>(
  deliverJobKind,
  async (ctx) => {
    const { db } = ctx;
    const notification = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', ctx.payload.notificationId)
      .executeTakeFirst();
    if (!notification) throw new Error(`notification ${ctx.payload.notificationId} not found`);
    // Secrets decrypted for the providers only; deliveries are planned from the masked paramsJson.
    const params = revealParams(notification);
    // A first run of a job planned here cannot have deliveries yet; any later run reads what exists.
    let rows =
      ctx.attempt === 1 && !ctx.payload.planned
        ? []
        : await db.selectFrom('notifyDeliveries').selectAll().where('jobId', '=', ctx.jobId).execute();

    if (rows.length === 0 && !ctx.payload.planned) {
      const plan = await planDeliveries(ctx, notification);
      // The common case — only in-app deliveries: plan, deliver and complete in one transaction.
      if (!plan.deferred && plan.rows.every((row) => row.channel === 'inapp' || row.status === 'skipped')) {
        const at = ctx.now.toISOString();
        const pending = plan.rows.filter((row) => row.status === 'pending');
        const written = plan.rows.map((row) =>
          row.status === 'pending'
            ? { ...row, status: 'sent' as const, attempts: 1, sentAt: at, providerAnswer: 'inbox' }
            : row,
        );
        await ctx.complete(async (trx) => {
          await insertDeliveries(trx, written);
          await writeInapp(trx, pending, notification, ctx.now, ctx.instanceId, {
            deliveryRowsWritten: true,
          });
        });
        return;
      }
      await db.transaction().execute(async (trx) => {
        await insertDeliveries(trx, plan.rows);
        if (plan.deferred) await scheduleDeferred(trx, ctx, plan.deferred);
      });
      rows = await db.selectFrom('notifyDeliveries').selectAll().where('jobId', '=', ctx.jobId).execute();
    }

    const open = rows.filter(
      (row) => row.status === 'pending' || row.status === 'sending' || row.status === 'failed',
    );
    const inapp = open.filter((row) => row.channel === 'inapp');
    const external = open.filter((row) => row.channel !== 'inapp');
    const quiet = (await getSetting(db, 'notify.quietHours', {
      companyId: notification.companyId,
      projectId: notification.projectId,
    })) as QuietHours;
    const clock = elapsedClock(ctx);
    const failures: string[] = [];
    let retry = false;
    let deferUntil: Date | null = null;
    const job = await db
      .selectFrom('jobs')
      .select('maxAttempts')
      .where('id', '=', ctx.jobId)
      .executeTakeFirst();
    const isLastAttempt = ctx.attempt >= (job?.maxAttempts ?? maxDeliverAttempts);
    for (const row of external) {
      if (row.channel === 'sms' && row.recipientKind === 'customer' && isInQuietHours(clock(), quiet)) {
        deferUntil = afterQuietHours(clock(), quiet);
        continue;
      }
      const result = await sendExternal(ctx, row, notification, params, clock, isLastAttempt);
      if (!result.ok) {
        failures.push(result.message);
        retry ||= result.retry;
      }
    }
    if (failures.length === 0 && !deferUntil) {
      await ctx.complete((trx) => writeInapp(trx, inapp, notification, clock(), ctx.instanceId));
      return;
    }
    if (inapp.length)
      await db.transaction().execute((trx) => writeInapp(trx, inapp, notification, clock(), ctx.instanceId));
    if (retry) throw new Error(`delivery failed (will retry): ${failures.join('; ')}`);
    if (deferUntil) throw new JobDeferred(deferUntil, 'customer SMS waits for the end of quiet hours');
    // Only permanent refusals are left: they are dead in the delivery log, the job itself is finished.
  },
  { maxAttempts: maxDeliverAttempts, batch: deliverBatch as never },
);
