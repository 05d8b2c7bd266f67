import type { SubjectKind } from '../../../contracts/conformance.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  type CheckDefinition,
  checkDefinitions,
  rulebookVersion,
  type SubjectFacts,
} from './checks/index.js';
import * as queries from './conformance.queries.js';

/** A check as a rulebook remembers it: enough to read old scores after the code moved on. */
export interface RulebookCheck {
  id: string;
  ruleId: string;
  version: number;
  subjectKind: SubjectKind;
  title: Localized;
}

/** Checks per subject kind, in the order their letters are stored. */
export type RulebookByKind = Map<SubjectKind, RulebookCheck[]>;

function describe(check: CheckDefinition<SubjectFacts>): RulebookCheck {
  const { id, ruleId, version, subjectKind, title } = check;
  return { id, ruleId, version, subjectKind, title };
}

function byKind(checks: RulebookCheck[]): RulebookByKind {
  const map: RulebookByKind = new Map();
  for (const check of checks) map.set(check.subjectKind, [...(map.get(check.subjectKind) ?? []), check]);
  return map;
}

/** A rulebook: its version and its checks per subject kind, in the order their letters are stored. */
export interface Rulebook {
  version: string;
  checks: RulebookCheck[];
  byKind: RulebookByKind;
  definitionsOf(kind: SubjectKind): CheckDefinition<SubjectFacts>[];
}

/** A rulebook of these checks (the current one, or a test's own). */
export function makeRulebook(
  definitions: readonly CheckDefinition<SubjectFacts>[],
  version: string,
): Rulebook {
  const definitionsByKind = new Map<SubjectKind, CheckDefinition<SubjectFacts>[]>();
  for (const check of definitions)
    definitionsByKind.set(check.subjectKind, [...(definitionsByKind.get(check.subjectKind) ?? []), check]);
  const checks = definitions.map(describe);
  return {
    version,
    checks,
    byKind: byKind(checks),
    definitionsOf: (kind) => definitionsByKind.get(kind) ?? [],
  };
}

export const currentRulebook = makeRulebook(checkDefinitions, rulebookVersion);

const known = new WeakMap<Db | Tx, Map<string, RulebookByKind>>();
const recorded = new WeakMap<Db | Tx, Set<string>>();

/** Records a rulebook (once) so that every score names a rulebook that can be read back. */
export async function ensureRulebook(db: Db, rulebook: Rulebook, now: Date): Promise<void> {
  const versions = recorded.get(db) ?? new Set<string>();
  if (versions.has(rulebook.version)) return;
  await queries.insertRulebook(db, {
    version: rulebook.version,
    checks: JSON.stringify(rulebook.checks),
    firstUsedAt: now.toISOString(),
  });
  versions.add(rulebook.version);
  recorded.set(db, versions);
  known.delete(db);
}

/** Every rulebook that scored something, by version (kept per database; re-read when one is unknown). */
export async function loadRulebooks(db: Tx, version?: string): Promise<Map<string, RulebookByKind>> {
  const cached = known.get(db);
  if (cached && (version === undefined || cached.has(version))) return cached;
  const rows = await queries.findRulebooks(db);
  const map = new Map<string, RulebookByKind>();
  for (const row of rows) map.set(row.version, byKind(JSON.parse(row.checks) as RulebookCheck[]));
  map.set(currentRulebook.version, currentRulebook.byKind);
  known.set(db, map);
  return map;
}

/** Every check, of any rulebook, by id (the newest description wins): for titles in lists. */
export async function checksById(db: Tx): Promise<Map<string, RulebookCheck>> {
  const result = new Map<string, RulebookCheck>();
  for (const rulebook of (await loadRulebooks(db)).values())
    for (const checks of rulebook.values()) for (const check of checks) result.set(check.id, check);
  for (const check of currentRulebook.checks) result.set(check.id, check);
  return result;
}
