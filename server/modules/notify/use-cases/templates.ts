import type { Locale } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { findStaffContacts } from '../../staff/index.js';
import {
  announceTemplateChange,
  assertPlaceholdersDeclared,
  forgetTemplate,
  maskSecretParams,
  renderText,
  requireDefinition,
  resolveTemplate,
} from '../notify.render.js';
import { assertCompanySettings } from '../notify.scope.js';
import { allTemplateDefinitions } from '../notify.templates.js';
import {
  activateOnlyTemplateVersion,
  findActiveTemplateVersions,
  findLastTemplateVersion,
  findTemplateVersions,
  hasTemplateVersion,
  insertActiveTemplateVersion,
} from '../templates.queries.js';
import { audited } from './audited.js';

export async function listTemplates(db: Db, actor: Actor, locale: Locale) {
  assertCompanySettings(actor);
  const active = await findActiveTemplateVersions(db, actor.companyId);
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
  const rows = await findTemplateVersions(db, { companyId: actor.companyId, event, locale });
  const anyActive = rows.some((row) => row.isActive === 1);
  const authors = await findStaffContacts(
    db,
    rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])),
  );
  const nameOf = new Map(authors.map((author) => [author.id, author.displayName]));
  return [
    ...rows.map(({ createdBy, ...row }) => ({
      ...row,
      id: row.id as string | null,
      isActive: row.isActive === 1,
      createdByName: createdBy ? (nameOf.get(createdBy) ?? null) : null,
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
    const version = (await findLastTemplateVersion(trx, { companyId: actor.companyId, event, locale })) + 1;
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
    await insertActiveTemplateVersion(trx, row);
    await announceTemplateChange(trx, { companyId: actor.companyId, event, locale });
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
  forgetTemplate(db, { companyId: actor.companyId, event, locale });
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
      const exists = await hasTemplateVersion(trx, { companyId: actor.companyId, event, locale }, version);
      if (!exists)
        throw new AppError(commonErrors.NOT_FOUND, {
          entity: localized('模板版本', '範本版本', 'Template version'),
        });
    }
    await activateOnlyTemplateVersion(trx, { companyId: actor.companyId, event, locale }, version);
    await announceTemplateChange(trx, { companyId: actor.companyId, event, locale });
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
  forgetTemplate(db, { companyId: actor.companyId, event, locale });
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
