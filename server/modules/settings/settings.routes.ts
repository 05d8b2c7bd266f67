import { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import type * as contract from '../../../contracts/settings.js';
import type { Actor } from '../../platform/auth/actor.js';
import { assertProjectRole } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, localized } from '../../platform/errors.js';
import { rolesAllowed } from '../../platform/http/access.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { getDeskById, getProjectById } from '../org/index.js';
import { type SettingKey, settingDefinitions } from './settings.definitions.js';
import { settingsErrors } from './settings.errors.js';
import {
  changeSetting,
  isSettingKey,
  listSettings,
  resolveSetting,
  type SettingContext,
} from './settings.service.js';

const scopeSchema = z.enum(['company', 'project', 'desk']);
const scopeQuery = z.strictObject({ scopeType: scopeSchema, scopeId: z.string().min(1).max(64) });

const settingItem = z.object({
  key: z.string(),
  group: z.string(),
  label: z.string(),
  description: z.string(),
  valueType: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().optional(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  source: z.enum(['default', 'company', 'project', 'desk']),
});
const settingList = z.object({ items: z.array(settingItem) });

export type ContractChecks = [
  Check<Agrees<contract.SettingItem, typeof settingItem>>,
  Check<Agrees<contract.SettingList, typeof settingList>>,
];

/**
 * Turns a scope into the context values resolve against: a company, project or desk of the actor's
 * company that they reach (company scope; anything else is 404), and in a project only as its
 * administrator (a company-wide grant covers every project).
 */
async function contextOf(db: Db, actor: Actor, scope: z.infer<typeof scopeQuery>): Promise<SettingContext> {
  const companies = visibility(actor, 'company');
  if (scope.scopeType === 'company') {
    companies.assertSees({ companyId: scope.scopeId, projectId: null }, localized('公司', '公司', 'Company'));
    return { companyId: actor.companyId };
  }
  if (scope.scopeType === 'project') {
    const project = await getProjectById(db, actor, scope.scopeId);
    companies.assertSees({ companyId: project.companyId, projectId: project.id });
    assertProjectRole(actor, project.id, ['admin']);
    return { companyId: actor.companyId, projectId: project.id };
  }
  const desk = await getDeskById(db, actor, scope.scopeId);
  companies.assertSees({ companyId: actor.companyId, projectId: desk.projectId });
  assertProjectRole(actor, desk.projectId, ['admin']);
  return { companyId: actor.companyId, projectId: desk.projectId, deskId: desk.id };
}

function describe(
  key: SettingKey,
  resolved: { value: unknown; source: z.infer<typeof settingItem>['source'] },
  locale: Locale,
) {
  const definition = settingDefinitions[key];
  return {
    key,
    group: definition.group,
    label: definition.label[locale],
    description: definition.description[locale],
    valueType: definition.valueType,
    ...('options' in definition && definition.options
      ? {
          options: definition.options.map((option) => ({ value: option.value, label: option.label[locale] })),
        }
      : {}),
    ...('min' in definition && definition.min !== undefined ? { min: definition.min } : {}),
    ...('max' in definition && definition.max !== undefined ? { max: definition.max } : {}),
    ...('unit' in definition && definition.unit ? { unit: definition.unit[locale] } : {}),
    value: resolved.value,
    defaultValue: definition.defaultValue,
    source: resolved.source,
  };
}

const adminOnly = rolesAllowed('admin');

export async function settingsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/settings',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['settings'],
        querystring: scopeQuery,
        response: { 200: settingList },
      },
    },
    async (request) => {
      const context = await contextOf(db, requireActor(request), request.query);
      const resolved = await listSettings(db, context, request.query.scopeType);
      return { items: resolved.map((item) => describe(item.key, item, request.locale)) };
    },
  );

  const keyParams = z.strictObject({ key: z.string().min(1).max(80) });

  app.put(
    '/api/settings/:key',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['settings'],
        params: keyParams,
        body: scopeQuery.extend({ value: z.unknown() }),
        response: { 200: settingItem },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { key } = request.params;
      if (!isSettingKey(key)) throw new AppError(settingsErrors.UNKNOWN_SETTING, { key });
      const { value, ...scope } = request.body;
      if (value === undefined || value === null)
        throw new AppError(settingsErrors.INVALID_SETTING_VALUE, { key });
      const context = await contextOf(db, actor, scope);
      await changeSetting(db, { actor, key, scope, context, value, now: now() });
      return describe(key, await resolveSetting(db, key, context), request.locale);
    },
  );

  app.delete(
    '/api/settings/:key',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['settings'],
        params: keyParams,
        querystring: scopeQuery,
        response: { 200: settingItem },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { key } = request.params;
      if (!isSettingKey(key)) throw new AppError(settingsErrors.UNKNOWN_SETTING, { key });
      const context = await contextOf(db, actor, request.query);
      await changeSetting(db, { actor, key, scope: request.query, context, value: null, now: now() });
      return describe(key, await resolveSetting(db, key, context), request.locale);
    },
  );
}
