import type { Actor } from '../../platform/auth/actor.js';
import { createCache } from '../../platform/cache.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError } from '../../platform/errors.js';
import { issuesToFieldErrors } from '../../platform/http/validation.js';
import { writeAudit } from '../audit/index.js';
import { type SettingKey, type SettingValue, settingDefinitions } from './settings.definitions.js';
import { settingsErrors } from './settings.errors.js';
import {
  deleteOverride,
  findOverride,
  findOverrides,
  type ScopeRef,
  upsertOverride,
} from './settings.queries.js';
import type { SettingScope } from './settings.tables.js';

/** Where a value is read for: the most specific scope given wins. */
export interface SettingContext {
  companyId: string;
  projectId?: string | null;
  deskId?: string | null;
}

const scopeOrder: SettingScope[] = ['desk', 'project', 'company'];

function scopesOf(context: SettingContext): ScopeRef[] {
  const scopes: ScopeRef[] = [{ scopeType: 'company', scopeId: context.companyId }];
  if (context.projectId) scopes.push({ scopeType: 'project', scopeId: context.projectId });
  if (context.deskId) scopes.push({ scopeType: 'desk', scopeId: context.deskId });
  return scopes;
}

// A short cache keeps per-request reads (session timeouts) off the database. A change is announced
// in its transaction: every instance forgets the company's settings when it commits.
type Resolved = { value: unknown; source: SettingScope | 'default' };
const settingsCache = createCache<Resolved>({ name: 'settings', max: 10_000, ttlMs: 10_000 });

/** Forgets every cached setting of this database on this instance (tests that write overrides directly). */
export function clearSettingsCache(db: Db): void {
  settingsCache.invalidate(db);
}

export async function resolveSetting<K extends SettingKey>(
  db: Tx,
  key: K,
  context: SettingContext,
): Promise<{ value: SettingValue<K>; source: SettingScope | 'default' }> {
  const cacheKey = `${key}|${context.companyId}|${context.projectId ?? ''}|${context.deskId ?? ''}`;
  const resolved = await settingsCache.getOrLoad(db, cacheKey, () => loadSetting(db, key, context));
  return resolved as { value: SettingValue<K>; source: SettingScope | 'default' };
}

async function loadSetting(db: Tx, key: SettingKey, context: SettingContext): Promise<Resolved> {
  const definition = settingDefinitions[key];
  const overrides = await findOverrides(db, scopesOf(context), [key]);
  let result: Resolved = {
    value: definition.defaultValue,
    source: 'default',
  };
  for (const scopeType of scopeOrder) {
    const override = overrides.find((row) => row.scopeType === scopeType);
    if (!override) continue;
    const parsed = definition.schema.safeParse(JSON.parse(override.valueJson));
    // A stored value that no longer fits the definition falls back to the next scope rather than break callers.
    if (parsed.success) {
      result = { value: parsed.data, source: scopeType };
      break;
    }
  }
  return result;
}

export async function getSetting<K extends SettingKey>(
  db: Tx,
  key: K,
  context: SettingContext,
): Promise<SettingValue<K>> {
  return (await resolveSetting(db, key, context)).value;
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}

export async function listSettings(db: Db, context: SettingContext, scopeType: SettingScope) {
  const keys = (Object.keys(settingDefinitions) as SettingKey[]).filter((key) =>
    (settingDefinitions[key].scopes as readonly SettingScope[]).includes(scopeType),
  );
  return Promise.all(keys.map(async (key) => ({ key, ...(await resolveSetting(db, key, context)) })));
}

export interface ChangeSettingOptions {
  actor: Actor;
  key: string;
  scope: ScopeRef;
  context: SettingContext;
  /** null removes the override so the next scope's value applies again. */
  value: unknown | null;
  now: Date;
}

export async function changeSetting(db: Db, options: ChangeSettingOptions): Promise<void> {
  const { actor, key, scope, value, now } = options;
  if (!isSettingKey(key)) throw new AppError(settingsErrors.UNKNOWN_SETTING, { key });
  const definition = settingDefinitions[key];
  if (!(definition.scopes as readonly SettingScope[]).includes(scope.scopeType))
    throw new AppError(settingsErrors.SCOPE_NOT_ALLOWED, { key });
  let valueJson: string | null = null;
  if (value !== null) {
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success)
      throw new AppError(
        settingsErrors.INVALID_SETTING_VALUE,
        { key },
        {
          value:
            issuesToFieldErrors(parsed.error.issues)._ ??
            Object.values(issuesToFieldErrors(parsed.error.issues))[0],
        },
      );
    valueJson = JSON.stringify(parsed.data);
  }
  await db.transaction().execute(async (trx) => {
    const before = await findOverride(trx, scope, key);
    if (valueJson === null) await deleteOverride(trx, scope, key);
    else
      await upsertOverride(trx, {
        id: newId(),
        scopeType: scope.scopeType,
        scopeId: scope.scopeId,
        key,
        valueJson,
        updatedAt: now.toISOString(),
        updatedBy: actor.staffId,
      });
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'setting',
      entityId: `${scope.scopeType}:${scope.scopeId}:${key}`,
      action: valueJson === null ? 'reset' : 'change',
      projectId: options.context.projectId ?? null,
      before: before ? JSON.parse(before.valueJson) : null,
      after: valueJson === null ? null : JSON.parse(valueJson),
    });
    await settingsCache.announce(trx);
  });
  settingsCache.invalidate(db);
}
