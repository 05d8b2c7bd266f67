import type { Locale } from '../../../contracts/locales.js';
import { locales } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { callsErrors } from './calls.errors.js';
import { fillScript } from './calls.rules.js';
import { defaultPhrases, personFallback, scriptSituations, situationRules } from './calls.scripts.js';
import type { CallPurposesTable, PurposeKey, ScriptSituation } from './calls.tables.js';
import { type DeskContext, loadDeskContext, loadDeskInProject } from './desk-context.js';
import * as queries from './scripts.queries.js';

// --- scripts (CS-0) ------------------------------------------------------------------------

export interface DeskScript {
  situation: ScriptSituation;
  rule: string;
  version: number;
  /** Templates with {company}/{desk}/{project}/{person}, as an administrator edits them. */
  templates: string[];
  /** The same phrases with the desk's names filled in ({person} stays the document's 他(她)). */
  phrases: string[];
  updatedAt: string | null;
}

function fillAll(
  templates: string[],
  context: DeskContext,
  locale: Locale,
  person?: string | null,
): string[] {
  const values = {
    company: context.companyShortName,
    desk: context.deskName,
    project: context.projectName,
    person,
  };
  return templates.map((template) => fillScript(template, values, personFallback[locale]));
}

/** The current phrases of every situation for a desk, in one language (version 0 = the document's). */
export async function findDeskScripts(db: Tx, context: DeskContext, locale: Locale): Promise<DeskScript[]> {
  const rows = await queries.findScriptRows(db, context.deskId, locale);
  return scriptSituations.map((situation) => {
    const latest = rows.find((row) => row.situation === situation);
    const templates = latest
      ? (JSON.parse(latest.phrasesJson) as string[])
      : defaultPhrases(context.deskKind, locale, situation);
    return {
      situation,
      rule: situationRules[situation][
        context.deskKind === 'service_centre' ? 'serviceCentre' : 'securityPost'
      ],
      version: latest?.version ?? 0,
      templates,
      phrases: fillAll(templates, context, locale),
      updatedAt: latest?.createdAt ?? null,
    };
  });
}

export async function getDeskScripts(db: Db, options: { actor: Actor; deskId: string; locale: Locale }) {
  const context = await loadDeskInProject(db, options.actor, options.deskId);
  return { context, scripts: await findDeskScripts(db, context, options.locale) };
}

/** The greeting the agent says on answering (CS-1 / SEC-2), names filled in. */
export async function deskGreeting(db: Tx, context: DeskContext, locale: Locale): Promise<string> {
  const scripts = await findDeskScripts(db, context, locale);
  return scripts.find((script) => script.situation === 'greeting')?.phrases[0] ?? '';
}

/** An administrator's edit is a new version; earlier versions stay readable. */
export async function saveDeskScript(
  db: Db,
  options: {
    actor: Actor;
    deskId: string;
    situation: ScriptSituation;
    locale: Locale;
    templates: string[];
    now: Date;
  },
) {
  const { actor, now } = options;
  const templates = options.templates.map((text) => text.trim()).filter(Boolean);
  try {
    return await db.transaction().execute(async (trx) => {
      const context = await loadDeskInProject(trx, actor, options.deskId);
      const version =
        (await queries.findLatestScriptVersion(trx, options.deskId, options.situation, options.locale)) + 1;
      const row = {
        id: newId(),
        deskId: options.deskId,
        situation: options.situation,
        locale: options.locale,
        version,
        phrasesJson: JSON.stringify(templates),
        createdAt: now.toISOString(),
        createdBy: actor.staffId === 'system' ? null : actor.staffId,
      };
      await queries.insertScript(trx, row);
      await writeAudit(trx, {
        actor,
        at: now,
        projectId: context.projectId,
        entityType: 'call_script',
        entityId: `${options.deskId}:${options.situation}:${options.locale}`,
        action: 'save_version',
        after: { version, templates },
      });
      return { ...row, phrases: fillAll(templates, context, options.locale) };
    });
  } catch (error) {
    // Two administrators saving at once: the loser retries on top of the winner's version.
    if (isUniqueViolation(error)) throw new AppError(commonErrors.CONCURRENT_CHANGE);
    throw error;
  }
}

export async function findScriptVersions(
  db: Db,
  options: { actor: Actor; deskId: string; situation: ScriptSituation; locale: Locale },
) {
  const context = await loadDeskInProject(db, options.actor, options.deskId);
  const rows = await queries.findScriptHistory(db, options.deskId, options.situation, options.locale);
  const original = defaultPhrases(context.deskKind, options.locale, options.situation);
  return [
    ...rows.map((row) => ({
      version: row.version,
      templates: JSON.parse(row.phrasesJson) as string[],
      createdAt: row.createdAt,
      createdBy: row.createdBy,
    })),
    { version: 0, templates: original, createdAt: null, createdBy: null },
  ];
}

/** Demo and first set-up: writes the document's phrases as version 1 for every language of a desk. */
export async function seedDeskScripts(db: Db, options: { actor: Actor; deskId: string; now: Date }) {
  const context = await loadDeskContext(db, options.actor.companyId, options.deskId);
  for (const locale of locales)
    for (const situation of scriptSituations)
      await saveDeskScript(db, {
        ...options,
        situation,
        locale,
        templates: defaultPhrases(context.deskKind, locale, situation),
      });
}

// --- purposes ------------------------------------------------------------------------------

const builtInPurposes: Array<{ key: PurposeKey; label: string }> = [
  { key: 'consult', label: '咨询' },
  { key: 'repair', label: '报修' },
  { key: 'complaint', label: '投诉' },
  { key: 'find_person', label: '找人' },
  { key: 'leader_call', label: '领导来电' },
  { key: 'emergency', label: '紧急' },
  { key: 'other', label: '其他' },
];

/** The company's purpose list; the built-in seven are created the first time it is read. */
export async function findPurposes(
  db: Db,
  actor: Pick<Actor, 'companyId'>,
  now: Date,
): Promise<CallPurposesTable[]> {
  const rows = await queries.findPurposes(db, actor.companyId);
  if (rows.length > 0) return rows;
  try {
    await db.transaction().execute(async (trx) => {
      if ((await queries.findPurposes(trx, actor.companyId)).length > 0) return;
      await queries.insertPurposes(
        trx,
        builtInPurposes.map((purpose, index) => ({
          id: newId(),
          companyId: actor.companyId,
          key: purpose.key,
          label: purpose.label,
          sortOrder: (index + 1) * 10,
          isActive: 1,
          createdAt: now.toISOString(),
        })),
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return queries.findPurposes(db, actor.companyId);
}

const purposeEntity = localized('来电目的', '來電目的', 'Call purpose');

/** The purpose list as the screens read it: the company's reference data (company scope). */
export async function findPurposesForActor(db: Db, actor: Actor, now: Date): Promise<CallPurposesTable[]> {
  visibility(actor, 'company').assertSees({ companyId: actor.companyId, projectId: null }, purposeEntity);
  return findPurposes(db, actor, now);
}

export async function getPurposeOfCompany(
  db: Tx,
  actor: Pick<Actor, 'companyId'>,
  purposeId: string,
): Promise<CallPurposesTable> {
  const row = await queries.findPurpose(db, purposeId);
  if (!row || row.companyId !== actor.companyId)
    throw new AppError(
      callsErrors.UNKNOWN_REFERENCE,
      { entity: purposeEntity },
      { purposeId: callsErrors.UNKNOWN_REFERENCE.message },
    );
  return row;
}

export async function createPurpose(
  db: Db,
  options: { actor: Actor; label: string; sortOrder: number; now: Date },
) {
  const { actor, now } = options;
  await findPurposesForActor(db, actor, now);
  const row: CallPurposesTable = {
    id: newId(),
    companyId: actor.companyId,
    key: null,
    label: options.label,
    sortOrder: options.sortOrder,
    isActive: 1,
    createdAt: now.toISOString(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await queries.insertPurposes(trx, [row]);
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'call_purpose',
        entityId: row.id,
        action: 'create',
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        commonErrors.DUPLICATE,
        { entity: options.label },
        { label: commonErrors.DUPLICATE.message },
      );
    throw error;
  }
  return row;
}

export async function updatePurpose(
  db: Db,
  options: {
    actor: Actor;
    purposeId: string;
    label: string;
    sortOrder: number;
    isActive: boolean;
    now: Date;
  },
) {
  const { actor, now } = options;
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await queries.findPurpose(trx, options.purposeId);
      visibility(actor, 'company').assertSees(
        before && { companyId: before.companyId, projectId: null },
        purposeEntity,
      );
      if (!before) throw new AppError(commonErrors.NOT_FOUND, { entity: purposeEntity });
      if (before.key && !options.isActive)
        throw new AppError(
          callsErrors.PURPOSE_BUILT_IN,
          {},
          { isActive: callsErrors.PURPOSE_BUILT_IN.message },
        );
      const changes = {
        label: options.label,
        sortOrder: options.sortOrder,
        isActive: options.isActive ? 1 : 0,
      };
      await queries.updatePurposeRow(trx, before.id, changes);
      const after = { ...before, ...changes };
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'call_purpose',
        entityId: before.id,
        action: 'update',
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        commonErrors.DUPLICATE,
        { entity: options.label },
        { label: commonErrors.DUPLICATE.message },
      );
    throw error;
  }
}
