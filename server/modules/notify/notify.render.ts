import type { Locale } from '../../../contracts/locales.js';
import { createCache } from '../../platform/cache.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { notifyErrors } from './notify.errors.js';
import {
  findTemplateDefinition,
  type NotificationTemplateDefinition,
  placeholdersOf,
  secretMask,
} from './notify.templates.js';

export interface ResolvedTemplate {
  event: string;
  locale: Locale;
  /** 0 = the text shipped in code; 1… = versions saved by an administrator. */
  version: number;
  title: string;
  body: string;
  smsTemplateCode: string;
  definition: NotificationTemplateDefinition;
}

export function requireDefinition(event: string): NotificationTemplateDefinition {
  const definition = findTemplateDefinition(event);
  if (!definition) throw new AppError(notifyErrors.UNKNOWN_EVENT, { event });
  return definition;
}

/** Every declared placeholder needs a non-empty value; a silent "{name}" in a customer SMS is never acceptable. */
export function assertParams(
  event: string,
  definition: NotificationTemplateDefinition,
  params: Record<string, string | number>,
): void {
  for (const param of definition.params) {
    const value = params[param];
    if (
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '') ||
      (typeof value === 'number' && !Number.isFinite(value))
    )
      throw new AppError(notifyErrors.MISSING_PARAM, { event, param });
  }
}

export function assertPlaceholdersDeclared(
  definition: NotificationTemplateDefinition,
  ...texts: string[]
): void {
  for (const text of texts)
    for (const name of placeholdersOf(text))
      if (!definition.params.includes(name))
        throw new AppError(notifyErrors.UNDECLARED_PLACEHOLDER, {
          param: `{${name}}`,
          allowed: definition.params.map((p) => `{${p}}`).join(' ') || '—',
        });
}

/** Fills `{name}` placeholders; a missing value is an error, never left in the text. */
export function renderText(event: string, text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null)
      throw new AppError(notifyErrors.MISSING_PARAM, { event, param: name });
    return String(value);
  });
}

/** The params as people may see them: every secret parameter's value replaced by the mask. */
export function maskSecretParams(
  definition: NotificationTemplateDefinition,
  params: Record<string, string | number>,
): Record<string, string | number> {
  const secret = definition.secretParams ?? [];
  if (secret.length === 0) return params;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, secret.includes(name) ? secretMask : value]),
  );
}

/**
 * The title and body of one template version (0 = the shipped text), to render a message again at
 * send time exactly as it was planned; a version no longer stored falls back to the active one.
 */
export async function templateTextOf(
  db: Tx,
  companyId: string,
  event: string,
  locale: Locale,
  version: number,
): Promise<{ title: string; body: string }> {
  const definition = requireDefinition(event);
  if (version === 0) return definition.text[locale];
  const row = await db
    .selectFrom('notifyTemplates')
    .select(['title', 'body'])
    .where('companyId', '=', companyId)
    .where('event', '=', event)
    .where('locale', '=', locale)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ?? (await resolveTemplate(db, companyId, event, locale));
}

// Every delivery renders its template: a short cache keeps that off the database. A new or
// re-activated version is announced in its transaction, so every instance drops it at once.
const templateCache = createCache<ResolvedTemplate>({ name: 'notify-templates', max: 5_000, ttlMs: 10_000 });
const templateKey = (companyId: string, event: string, locale: Locale) => `${companyId}|${event}|${locale}`;

/** Inside the transaction that changes a company's template: every instance forgets it after the commit. */
export async function announceTemplateChange(
  trx: Tx,
  template: { companyId: string; event: string; locale: Locale },
): Promise<void> {
  await templateCache.announce(trx, templateKey(template.companyId, template.event, template.locale));
}

/** After the commit, on this instance (the announcement may arrive a moment later). */
export function forgetTemplate(db: Db, template: { companyId: string; event: string; locale: Locale }): void {
  templateCache.invalidate(db, templateKey(template.companyId, template.event, template.locale));
}

/** The active template of an event in a language for a company: the latest activated version, else the shipped text. */
export async function resolveTemplate(
  db: Tx,
  companyId: string,
  event: string,
  locale: Locale,
): Promise<ResolvedTemplate> {
  return templateCache.getOrLoad(db, templateKey(companyId, event, locale), () =>
    loadTemplate(db, companyId, event, locale),
  );
}

async function loadTemplate(
  db: Tx,
  companyId: string,
  event: string,
  locale: Locale,
): Promise<ResolvedTemplate> {
  const definition = requireDefinition(event);
  const row = await db
    .selectFrom('notifyTemplates')
    .select(['version', 'title', 'body', 'smsTemplateCode'])
    .where('companyId', '=', companyId)
    .where('event', '=', event)
    .where('locale', '=', locale)
    .where('isActive', '=', 1)
    .executeTakeFirst();
  const value: ResolvedTemplate = row
    ? {
        event,
        locale,
        definition,
        version: row.version,
        title: row.title,
        body: row.body,
        smsTemplateCode: row.smsTemplateCode || definition.smsTemplateCode || '',
      }
    : {
        event,
        locale,
        definition,
        version: 0,
        ...definition.text[locale],
        smsTemplateCode: definition.smsTemplateCode ?? '',
      };
  return value;
}
