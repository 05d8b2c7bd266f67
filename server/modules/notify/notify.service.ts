import type { Locale } from '../../../contracts/locales.js';
import { resolveLocale } from '../../../contracts/locales.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError } from '../../platform/errors.js';
import {
  type BatchContext,
  cancelJobs,
  type JobContext,
  JobDeferred,
  registerJobHandler,
  scheduleJob,
} from '../../platform/jobs/index.js';
import { publishLive, publishLiveMany } from '../../platform/live/index.js';
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
import { assertParams, renderText, requireDefinition, resolveTemplate } from './notify.render.js';
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
  const notificationId = newId();
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
    paramsJson: JSON.stringify(input.params),
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
  now?: Date;
}

interface EscalatePayload extends Omit<EscalationInput, 'dueAt' | 'now'> {
  dueAt: string;
}

/** Schedules "if `check` still says unhandled at `dueAt`, notify these people" in the caller's transaction. */
export async function scheduleEscalation(trx: Tx, input: EscalationInput): Promise<string> {
  if (!escalationChecks.has(input.check))
    throw new AppError(notifyErrors.UNKNOWN_ESCALATION_CHECK, { check: input.check });
  const definition = requireDefinition(input.event);
  assertParams(input.event, definition, input.params);
  if (input.notifyStaffIds.length === 0) throw new AppError(notifyErrors.NO_RECIPIENTS);
  const { dueAt, now, ...rest } = input;
  return scheduleJob(trx, {
    kind: escalateJobKind,
    runAt: dueAt,
    payload: { ...rest, dueAt: dueAt.toISOString() } satisfies EscalatePayload,
    dedupeKey: `escalation:${input.key}`,
    now,
  });
}

/** Withdraws an escalation not fired yet (the thing was handled). */
export async function cancelEscalation(trx: Tx, key: string, now?: Date): Promise<number> {
  return cancelJobs(trx, { dedupeKey: `escalation:${key}`, now });
}

registerJobHandler<EscalatePayload>(escalateJobKind, async (ctx) => {
  const check = escalationChecks.get(ctx.payload.check);
  if (!check) throw new Error(`no escalation check named ${ctx.payload.check} is registered`);
  const stillOpen = await check(ctx.db, ctx.payload.key);
  if (!stillOpen) return;
  await ctx.complete(async (trx) => {
    await notify(trx, {
      event: ctx.payload.event,
      projectId: ctx.payload.projectId ?? null,
      companyId: ctx.payload.companyId,
      recipients: ctx.payload.notifyStaffIds.map((staffId) => ({ kind: 'staff', staffId })),
      params: ctx.payload.params,
      link: ctx.payload.link,
      dedupeKey: `escalated:${ctx.payload.key}:${ctx.jobId}`,
      now: ctx.now,
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
    secret: JSON.parse(row.secretJson),
    isEnabled: row.isEnabled === 1,
  } as ProviderSettings[C] & { isEnabled: boolean };
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
      id: newId(),
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
        id: newId(),
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
        id: newId(),
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
  params: Record<string, string | number>,
  clock: () => Date,
  isLastAttempt: boolean,
) {
  const { db } = ctx;
  const attemptNo = row.attempts + 1;
  const startedAt = clock().toISOString();
  const attemptId = newId();
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
  const message: OutgoingMessage = {
    idempotencyKey: idempotencyKeyOf(row),
    to: row.address,
    title: row.title,
    body: row.body,
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
 * The fast path for the common case — first runs whose recipients are all active staff who get
 * in-app only: one read per table for the whole claim, and one transaction that writes every
 * delivery, inbox row and live event together with the jobs' completion. Anything else (customers,
 * other channels, retries) is left to the one-by-one handler.
 */
async function deliverBatch(ctx: BatchContext<DeliverPayload>): Promise<string[]> {
  const { db } = ctx;
  const left: string[] = [];
  const candidates = ctx.jobs.filter((job) => !job.payload.planned);
  for (const job of ctx.jobs) if (job.payload.planned) left.push(job.jobId);
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
        id: newId(),
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
  await ctx.complete(handled, async (trx, owned) => {
    const mine = deliveries.filter((row) => owned.has(row.jobId));
    const mineInbox = inbox.filter((item) => owned.has(item.jobId));
    for (let index = 0; index < mine.length; index += 100)
      await trx
        .insertInto('notifyDeliveries')
        .values(mine.slice(index, index + 100))
        .execute();
    const inboxRows = mineInbox.map(({ row, link }) => ({
      id: newId(),
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
    for (let index = 0; index < inboxRows.length; index += 100)
      await trx
        .insertInto('notifyInbox')
        .values(inboxRows.slice(index, index + 100))
        .execute();
    const attempts = mine.map((row) => ({
      id: newId(),
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
    for (let index = 0; index < attempts.length; index += 100)
      await trx
        .insertInto('notifyAttempts')
        .values(attempts.slice(index, index + 100))
        .execute();
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
    const params = JSON.parse(notification.paramsJson) as Record<string, string | number>;
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
      const result = await sendExternal(ctx, row, params, clock, isLastAttempt);
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
