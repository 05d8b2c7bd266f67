import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { scheduleJob } from '../../platform/jobs/index.js';
import { publishLive } from '../../platform/live/index.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import { writeAudit } from '../audit/index.js';
import { getSetting } from '../settings/index.js';
import { notifyErrors } from './notify.errors.js';
import { ProviderError } from './notify.providers.js';
import {
  assertPlaceholdersDeclared,
  clearTemplateCache,
  maskSecretParams,
  renderText,
  requireDefinition,
  resolveTemplate,
} from './notify.render.js';
import { assertCompanySettings } from './notify.scope.js';
import {
  type ChannelPreferences,
  deliverJobKind,
  type ProviderSettings,
  readPreferences,
  readProvider,
  sealProviderSecret,
  sendThroughProvider,
} from './notify.service.js';
import type { Channel, DeliveryStatus, NotifyDeliveriesTable } from './notify.tables.js';
import { allTemplateDefinitions } from './notify.templates.js';

async function audited<T>(
  db: Db,
  change: (trx: Tx) => Promise<{ result: T; audit: Parameters<typeof writeAudit>[1] }>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { result, audit } = await change(trx);
    await writeAudit(trx, audit);
    return result;
  });
}

// --- inbox (the self scope: every query filters on the caller's own staff id) ---

export async function listInbox(
  db: Db,
  actor: Actor,
  options: { unreadOnly: boolean; offset: number; limit: number },
) {
  const base = db
    .selectFrom('notifyInbox')
    .where('staffId', '=', actor.staffId)
    .$if(options.unreadOnly, (query) => query.where('readAt', 'is', null));
  const [rows, total, unread] = await Promise.all([
    base
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .offset(options.offset)
      .limit(options.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    unreadCount(db, actor),
  ]);
  return { rows, total: Number(total.count), unread };
}

export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  const row = await db
    .selectFrom('notifyInbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('staffId', '=', actor.staffId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the actor's own inbox items read (all, or the ids given); other tabs hear it live. */
export async function markInboxRead(
  db: Db,
  options: { actor: Actor; ids?: string[]; all?: boolean; now: Date },
): Promise<number> {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable('notifyInbox')
      .set({ readAt: now.toISOString() })
      .where('staffId', '=', actor.staffId)
      .where('readAt', 'is', null);
    if (!options.all) query = query.where('id', 'in', options.ids?.length ? options.ids : ['']);
    const result = await query.executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    if (count > 0)
      await publishLive(
        trx,
        { topic: `staff:${actor.staffId}`, type: 'notify.read', payload: { count } },
        now,
      );
    return count;
  });
}

// --- preferences ---

export async function getPreferences(db: Db, actor: Actor) {
  const preferences = await readPreferences(db, actor.staffId);
  const staff = await db
    .selectFrom('staff')
    .select('mobile')
    .where('id', '=', actor.staffId)
    .executeTakeFirst();
  return { ...preferences, mobile: staff?.mobile ?? '' };
}

export async function updatePreferences(
  db: Db,
  options: { actor: Actor; channels: ChannelPreferences; email: string; now: Date },
) {
  const { actor, channels, email, now } = options;
  if (!Object.values(channels).some(Boolean))
    throw new AppError(
      notifyErrors.NO_CHANNEL_SELECTED,
      {},
      { channels: notifyErrors.NO_CHANNEL_SELECTED.message },
    );
  if (channels.email && !email)
    throw new AppError(
      notifyErrors.EMAIL_REQUIRED_FOR_CHANNEL,
      {},
      { email: notifyErrors.EMAIL_REQUIRED_FOR_CHANNEL.message },
    );
  return audited(db, async (trx) => {
    const before = await readPreferences(trx, actor.staffId);
    const row = {
      staffId: actor.staffId,
      channelsJson: JSON.stringify(channels),
      email,
      updatedAt: now.toISOString(),
    };
    await trx
      .insertInto('notifyPreferences')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('staffId')
          .doUpdateSet({ channelsJson: row.channelsJson, email: row.email, updatedAt: row.updatedAt }),
      )
      .execute();
    return {
      result: { channels, email },
      audit: {
        actor,
        entityType: 'notify_preferences',
        entityId: actor.staffId,
        action: 'update',
        before,
        after: { channels, email },
        at: now,
      },
    };
  });
}

// --- delivery log ---

export interface DeliveryFilter {
  status?: DeliveryStatus;
  channel?: Channel;
  event?: string;
  search?: string;
  from?: string;
  to?: string;
  possibleDuplicate?: boolean;
}

const deliverySorts = {
  createdAt: 'createdAt',
  dueAt: 'dueAt',
  sentAt: 'sentAt',
  status: 'status',
  attempts: 'attempts',
} as const;
export type DeliverySort = keyof typeof deliverySorts;

function deliveryQuery(db: Db, actor: Actor, filter: DeliveryFilter) {
  let query = db.selectFrom('notifyDeliveries').where(
    visibility(actor, 'company').condition({
      companyId: 'notifyDeliveries.companyId',
      projectId: 'notifyDeliveries.projectId',
    }),
  );
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.event) query = query.where('event', '=', filter.event);
  if (filter.from) query = query.where('createdAt', '>=', filter.from);
  if (filter.to) query = query.where('createdAt', '<', filter.to);
  if (filter.possibleDuplicate) query = query.where('isPossibleDuplicate', '=', 1);
  if (filter.search) {
    // By staff recipient only: a customer's name or number (and what the messages say) is not the
    // log reader's to look up (PRIV), so it must not work as an oracle either.
    const like = `%${escapeLike(filter.search)}%`;
    query = query.where((eb) =>
      eb.and([
        eb('recipientKind', '!=', 'customer'),
        eb.or([eb('recipientName', 'like', like), eb('address', 'like', like)]),
      ]),
    );
  }
  return query;
}

export function maskAddress(
  row: Pick<NotifyDeliveriesTable, 'channel' | 'address' | 'recipientKind'>,
): string {
  if (row.channel === 'inapp') return '';
  if (row.channel === 'email') return row.address.replace(/^(.).*(@.*)$/, '$1***$2');
  return maskPhone(row.address);
}

/** 王先生 → 王**: enough to tell two recipients apart, not to name the person. */
function maskRecipientName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}**`;
}

/**
 * A delivery as the log shows it (PRIV): the log is for seeing that messages go out, not what they
 * say. Titles and bodies carry customers' names, units, amounts and callers' numbers, so they are
 * never in it (each recipient reads their own in the inbox); a customer recipient's name and
 * address are always masked, a member of staff's address only in lists and exports.
 */
export function toLoggedDelivery<T extends NotifyDeliveriesTable>(
  row: T,
  options: { maskStaffAddress: boolean },
) {
  const { title: _title, body: _body, ...rest } = row;
  const isCustomer = row.recipientKind === 'customer';
  return {
    ...rest,
    recipientName: isCustomer ? maskRecipientName(row.recipientName) : row.recipientName,
    address: isCustomer || options.maskStaffAddress ? maskAddress(row) : row.address,
  };
}

export async function findDeliveries(
  db: Db,
  actor: Actor,
  filter: DeliveryFilter,
  page: { sort: DeliverySort; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  const [rows, total] = await Promise.all([
    deliveryQuery(db, actor, filter)
      .selectAll()
      .orderBy(deliverySorts[page.sort], page.order)
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    deliveryQuery(db, actor, filter)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function getDelivery(db: Db, actor: Actor, id: string) {
  const row = await db.selectFrom('notifyDeliveries').selectAll().where('id', '=', id).executeTakeFirst();
  const entity = localized('发送记录', '發送記錄', 'Delivery');
  if (!row) throw new AppError(commonErrors.NOT_FOUND, { entity });
  visibility(actor, 'company').assertSees(row, entity);
  const attempts = await db
    .selectFrom('notifyAttempts')
    .selectAll()
    .where('deliveryId', '=', id)
    .orderBy('attemptNo')
    .execute();
  return { ...row, attemptLog: attempts };
}

/** Sends a delivery again as a new delivery (its own job and idempotency key), linked to the original. */
export async function resendDelivery(db: Db, options: { actor: Actor; deliveryId: string; now: Date }) {
  const { actor, now } = options;
  const original = await getDelivery(db, actor, options.deliveryId);
  if (original.status === 'pending' || original.status === 'sending')
    throw new AppError(notifyErrors.DELIVERY_NOT_RESENDABLE);
  return audited(db, async (trx) => {
    const jobId = await scheduleJob(trx, {
      kind: deliverJobKind,
      runAt: now,
      payload: { notificationId: original.notificationId, planned: true },
      now,
    });
    const at = now.toISOString();
    const { attemptLog: _attemptLog, ...copy } = original;
    const row: NotifyDeliveriesTable = {
      ...copy,
      id: newId(),
      jobId,
      status: 'pending',
      attempts: 0,
      dueAt: at,
      sentAt: null,
      providerMessageId: null,
      providerAnswer: null,
      errorCode: null,
      errorMessage: null,
      isPossibleDuplicate: 0,
      resendOf: original.id,
      createdAt: at,
      updatedAt: at,
    };
    await trx.insertInto('notifyDeliveries').values(row).execute();
    return {
      result: { id: row.id, jobId },
      audit: {
        actor,
        entityType: 'notify_delivery',
        entityId: original.id,
        action: 'resend',
        projectId: original.projectId,
        after: { newDeliveryId: row.id, jobId },
        at: now,
      },
    };
  });
}

// --- on-time report ---

export interface ReportRow {
  event: string;
  rule: string;
  label: string;
  total: number;
  onTime: number;
  late: number;
  failed: number;
  waiting: number;
  skipped: number;
  averageDelaySeconds: number | null;
  onTimeRate: number | null;
}

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

// --- templates ---

export async function listTemplates(db: Db, actor: Actor, locale: Locale) {
  assertCompanySettings(actor);
  const active = await db
    .selectFrom('notifyTemplates')
    .select(['event', 'locale', 'version'])
    .where('companyId', '=', actor.companyId)
    .where('isActive', '=', 1)
    .execute();
  return allTemplateDefinitions().map(([event, definition]) => ({
    event,
    label: definition.label[locale],
    rule: definition.rule ?? '',
    params: [...definition.params],
    secretParams: [...(definition.secretParams ?? [])],
    smsTemplateCode: definition.smsTemplateCode ?? '',
    activeVersions: Object.fromEntries(
      (['zh-CN', 'zh-TW', 'en'] as const).map((l) => [
        l,
        active.find((row) => row.event === event && row.locale === l)?.version ?? 0,
      ]),
    ) as Record<Locale, number>,
  }));
}

export async function listTemplateVersions(db: Db, actor: Actor, event: string, locale: Locale) {
  assertCompanySettings(actor);
  const definition = requireDefinition(event);
  const rows = await db
    .selectFrom('notifyTemplates')
    .leftJoin('staff', 'staff.id', 'notifyTemplates.createdBy')
    .select([
      'notifyTemplates.id',
      'notifyTemplates.version',
      'notifyTemplates.title',
      'notifyTemplates.body',
      'notifyTemplates.smsTemplateCode',
      'notifyTemplates.isActive',
      'notifyTemplates.createdAt',
      'staff.displayName as createdByName',
    ])
    .where('notifyTemplates.companyId', '=', actor.companyId)
    .where('notifyTemplates.event', '=', event)
    .where('notifyTemplates.locale', '=', locale)
    .orderBy('notifyTemplates.version', 'desc')
    .execute();
  const anyActive = rows.some((row) => row.isActive === 1);
  return [
    ...rows.map((row) => ({
      ...row,
      id: row.id as string | null,
      isActive: row.isActive === 1,
      createdByName: row.createdByName ?? null,
    })),
    {
      id: null,
      version: 0,
      ...definition.text[locale],
      smsTemplateCode: definition.smsTemplateCode ?? '',
      isActive: !anyActive,
      createdAt: null as string | null,
      createdByName: null,
    },
  ];
}

export async function saveTemplateVersion(
  db: Db,
  options: {
    actor: Actor;
    event: string;
    locale: Locale;
    title: string;
    body: string;
    smsTemplateCode: string;
    now: Date;
  },
) {
  const { actor, event, locale, now } = options;
  assertCompanySettings(actor);
  const definition = requireDefinition(event);
  assertPlaceholdersDeclared(definition, options.title, options.body);
  const result = await audited(db, async (trx) => {
    const last = await trx
      .selectFrom('notifyTemplates')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('companyId', '=', actor.companyId)
      .where('event', '=', event)
      .where('locale', '=', locale)
      .executeTakeFirst();
    const version = Number(last?.version ?? 0) + 1;
    await trx
      .updateTable('notifyTemplates')
      .set({ isActive: 0 })
      .where('companyId', '=', actor.companyId)
      .where('event', '=', event)
      .where('locale', '=', locale)
      .execute();
    const row = {
      id: newId(),
      companyId: actor.companyId,
      event,
      locale,
      version,
      title: options.title,
      body: options.body,
      smsTemplateCode: options.smsTemplateCode,
      isActive: 1,
      createdAt: now.toISOString(),
      createdBy: actor.staffId === 'system' ? null : actor.staffId,
    };
    await trx.insertInto('notifyTemplates').values(row).execute();
    return {
      result: { id: row.id, version },
      audit: {
        actor,
        entityType: 'notify_template',
        entityId: `${event}:${locale}`,
        action: 'new_version',
        after: row,
        at: now,
      },
    };
  });
  clearTemplateCache();
  return result;
}

/** Makes an earlier version (or 0: the shipped text) the active one again. */
export async function activateTemplateVersion(
  db: Db,
  options: { actor: Actor; event: string; locale: Locale; version: number; now: Date },
) {
  const { actor, event, locale, version, now } = options;
  assertCompanySettings(actor);
  requireDefinition(event);
  await audited(db, async (trx) => {
    if (version > 0) {
      const exists = await trx
        .selectFrom('notifyTemplates')
        .select('id')
        .where('companyId', '=', actor.companyId)
        .where('event', '=', event)
        .where('locale', '=', locale)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!exists)
        throw new AppError(commonErrors.NOT_FOUND, {
          entity: localized('模板版本', '範本版本', 'Template version'),
        });
    }
    await trx
      .updateTable('notifyTemplates')
      .set((eb) => ({ isActive: eb.case().when('version', '=', version).then(1).else(0).end() }))
      .where('companyId', '=', actor.companyId)
      .where('event', '=', event)
      .where('locale', '=', locale)
      .execute();
    return {
      result: null,
      audit: {
        actor,
        entityType: 'notify_template',
        entityId: `${event}:${locale}`,
        action: 'activate',
        after: { version },
        at: now,
      },
    };
  });
  clearTemplateCache();
}

/** Renders a template (the active one, or the text being edited) with example or given values. */
export async function previewTemplate(
  db: Db,
  actor: Actor,
  input: {
    event: string;
    locale: Locale;
    title?: string;
    body?: string;
    params?: Record<string, string | number>;
  },
) {
  assertCompanySettings(actor);
  const definition = requireDefinition(input.event);
  const template = await resolveTemplate(db, actor.companyId, input.event, input.locale);
  const title = input.title ?? template.title;
  const body = input.body ?? template.body;
  assertPlaceholdersDeclared(definition, title, body);
  // Secret params (a sign-in code) show masked here as everywhere people read them.
  const params = maskSecretParams(definition, { ...definition.example, ...(input.params ?? {}) });
  return {
    title: renderText(input.event, title, params),
    body: renderText(input.event, body, params),
    params,
  };
}

// --- providers ---

type ProviderChannel = Exclude<Channel, 'inapp'>;
const secretFields: Record<ProviderChannel, string> = {
  email: 'password',
  sms: 'accessKeySecret',
  wecom: 'webhookUrl',
};

/** Shows that a secret is set without revealing it: the last 4 characters at most. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  return `••••${secret.length > 12 ? secret.slice(-4) : ''}`;
}

export async function listProviders(db: Db, actor: Actor) {
  assertCompanySettings(actor);
  const result = [];
  for (const channel of ['email', 'sms', 'wecom'] as const) {
    const provider = await readProvider(db, actor.companyId, channel);
    const secret = provider
      ? String((provider.secret as unknown as Record<string, string>)[secretFields[channel]] ?? '')
      : '';
    result.push({
      channel,
      isConfigured: Boolean(provider),
      isEnabled: provider?.isEnabled ?? false,
      config: (provider?.config ?? null) as Record<string, unknown> | null,
      secretHint: maskSecret(secret),
    });
  }
  return result;
}

export async function saveProvider<C extends ProviderChannel>(
  db: Db,
  options: {
    actor: Actor;
    channel: C;
    isEnabled: boolean;
    config: ProviderSettings[C]['config'];
    secret: string | null;
    now: Date;
  },
) {
  const { actor, channel, now } = options;
  assertCompanySettings(actor);
  return audited(db, async (trx) => {
    const existing = await readProvider(trx, actor.companyId, channel);
    const previousSecret = existing
      ? String((existing.secret as unknown as Record<string, string>)[secretFields[channel]] ?? '')
      : '';
    const secret = options.secret || previousSecret;
    if (!secret)
      throw new AppError(
        notifyErrors.PROVIDER_SECRET_REQUIRED,
        {},
        { secret: notifyErrors.PROVIDER_SECRET_REQUIRED.message },
      );
    const row = {
      id: newId(),
      companyId: actor.companyId,
      channel,
      isEnabled: options.isEnabled ? 1 : 0,
      configJson: JSON.stringify(options.config),
      secretJson: sealProviderSecret(actor.companyId, channel, { [secretFields[channel]]: secret }),
      updatedAt: now.toISOString(),
      updatedBy: actor.staffId,
    };
    await trx
      .insertInto('notifyProviders')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['companyId', 'channel']).doUpdateSet({
          isEnabled: row.isEnabled,
          configJson: row.configJson,
          secretJson: row.secretJson,
          updatedAt: row.updatedAt,
          updatedBy: row.updatedBy,
        }),
      )
      .execute();
    return {
      result: null,
      audit: {
        actor,
        entityType: 'notify_provider',
        entityId: channel,
        action: 'update',
        // Secrets never enter the audit log: only whether they changed.
        before: existing ? { isEnabled: existing.isEnabled, config: existing.config } : null,
        after: {
          isEnabled: options.isEnabled,
          config: options.config,
          secretChanged: Boolean(options.secret) && options.secret !== previousSecret,
        },
        at: now,
      },
    };
  });
}

/** Sends the test template straight through a channel and returns the provider's answer (or its clear error). */
export async function sendProviderTest(
  db: Db,
  options: { actor: Actor; channel: ProviderChannel; to: string; now: Date; locale: Locale },
) {
  const { actor, channel, now } = options;
  assertCompanySettings(actor);
  if (!options.to && channel !== 'wecom')
    throw new AppError(
      notifyErrors.TEST_ADDRESS_REQUIRED,
      {},
      { to: notifyErrors.TEST_ADDRESS_REQUIRED.message },
    );
  const provider = await readProvider(db, actor.companyId, channel);
  if (!provider) throw new AppError(notifyErrors.PROVIDER_NOT_CONFIGURED, { channel });
  const template = await resolveTemplate(db, actor.companyId, 'notify.test', options.locale);
  const params = { senderName: actor.displayName };
  const idempotencyKey = `test:${newId()}`;
  let outcome: { ok: boolean; answer: string };
  try {
    const result = await sendThroughProvider(db, actor.companyId, channel, {
      idempotencyKey,
      to: options.to,
      title: renderText('notify.test', template.title, params),
      body: renderText('notify.test', template.body, params),
      templateCode: template.smsTemplateCode,
      templateParams: params,
      mentionMobiles: channel === 'wecom' && options.to ? [options.to] : undefined,
    });
    outcome = { ok: true, answer: result.answer };
  } catch (error) {
    outcome = {
      ok: false,
      answer:
        error instanceof ProviderError
          ? [error.message, error.answer].filter(Boolean).join(' — ')
          : String(error),
    };
  }
  await db.transaction().execute((trx) =>
    writeAudit(trx, {
      actor,
      entityType: 'notify_provider',
      entityId: channel,
      action: 'test',
      after: { ok: outcome.ok, to: channel === 'email' ? options.to : maskPhone(options.to) },
      at: now,
    }),
  );
  return outcome;
}

// --- jobs (dead-letter list) ---

/**
 * The jobs of the caller's company: the job table has no company of its own, so a job counts as
 * the company's when one of its notifications or deliveries does (the notification jobs this
 * page is for). Other companies' jobs, and jobs of no company, are not listed and cannot be retried.
 */
function companyJobs(db: Tx, actor: Actor) {
  assertCompanySettings(actor);
  return db
    .selectFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('notifications')
            .select('notifications.id')
            .whereRef('notifications.jobId', '=', 'jobs.id')
            .where('notifications.companyId', '=', actor.companyId),
        ),
        eb.exists(
          eb
            .selectFrom('notifyDeliveries')
            .select('notifyDeliveries.id')
            .whereRef('notifyDeliveries.jobId', '=', 'jobs.id')
            .where('notifyDeliveries.companyId', '=', actor.companyId),
        ),
      ]),
    );
}

export async function findJobs(
  db: Db,
  actor: Actor,
  filter: { status?: string; kind?: string },
  page: { offset: number; limit: number },
) {
  let query = companyJobs(db, actor);
  if (filter.status) query = query.where('status', '=', filter.status as never);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const [rows, total] = await Promise.all([
    query
      .selectAll('jobs')
      .orderBy('updatedAt', 'desc')
      .orderBy('id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.count) };
}

export async function jobCounts(db: Db, actor: Actor) {
  const rows = await companyJobs(db, actor)
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])) as Record<string, number>;
}

/** Puts a dead job back in the queue with a fresh set of attempts; its failed deliveries are tried again. */
export async function retryDeadJob(db: Db, options: { actor: Actor; jobId: string; now: Date }) {
  const { actor, jobId, now } = options;
  return audited(db, async (trx) => {
    const job = await companyJobs(trx, actor)
      .selectAll('jobs')
      .where('jobs.id', '=', jobId)
      .executeTakeFirst();
    if (!job) throw new AppError(commonErrors.NOT_FOUND, { entity: localized('任务', '任務', 'Job') });
    if (job.status !== 'dead') throw new AppError(notifyErrors.JOB_NOT_RETRYABLE);
    const at = now.toISOString();
    const result = await trx
      .updateTable('jobs')
      .set({
        status: 'pending',
        attempts: 0,
        runAt: at,
        leaseOwner: null,
        leaseUntil: null,
        completedAt: null,
        updatedAt: at,
      })
      .where('id', '=', jobId)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await trx
      .updateTable('notifyDeliveries')
      .set({ status: 'failed', updatedAt: at })
      .where('jobId', '=', jobId)
      .where('status', '=', 'dead')
      .where('errorCode', '=', 'provider_error')
      .execute();
    return {
      result: null,
      audit: {
        actor,
        entityType: 'job',
        entityId: jobId,
        action: 'retry',
        before: { status: job.status, lastError: job.lastError },
        at: now,
      },
    };
  });
}
