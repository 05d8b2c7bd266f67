import type { Tx } from '../../platform/db/database.js';
import type { SettingScope, SettingsTable } from './settings.tables.js';

export interface ScopeRef {
  scopeType: SettingScope;
  scopeId: string;
}

export async function findOverrides(db: Tx, scopes: ScopeRef[], keys?: string[]): Promise<SettingsTable[]> {
  if (scopes.length === 0) return [];
  let query = db
    .selectFrom('settings')
    .selectAll()
    .where((eb) =>
      eb.or(
        scopes.map((scope) =>
          eb.and([eb('scopeType', '=', scope.scopeType), eb('scopeId', '=', scope.scopeId)]),
        ),
      ),
    );
  if (keys) query = query.where('key', 'in', keys);
  return query.execute();
}

export async function findOverride(db: Tx, scope: ScopeRef, key: string): Promise<SettingsTable | undefined> {
  return db
    .selectFrom('settings')
    .selectAll()
    .where('scopeType', '=', scope.scopeType)
    .where('scopeId', '=', scope.scopeId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function upsertOverride(db: Tx, row: SettingsTable): Promise<void> {
  await db
    .insertInto('settings')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['scopeType', 'scopeId', 'key'])
        .doUpdateSet({ valueJson: row.valueJson, updatedAt: row.updatedAt, updatedBy: row.updatedBy }),
    )
    .execute();
}

export async function deleteOverride(db: Tx, scope: ScopeRef, key: string): Promise<void> {
  await db
    .deleteFrom('settings')
    .where('scopeType', '=', scope.scopeType)
    .where('scopeId', '=', scope.scopeId)
    .where('key', '=', key)
    .execute();
}
