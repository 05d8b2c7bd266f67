import type { ImportConsultantChoice, ImportConsultantName } from '../../../../contracts/customers.js';
import type { ErrorDefinition, ErrorParams } from '../../../platform/errors.js';
import { AppError, fillPlaceholders, localized } from '../../../platform/errors.js';
import { customerErrors } from '../customers.errors.js';
import { type ConsultantCandidate, consultantKey, suggestConsultants } from '../customers.import-office.js';

/** What the preview stores per unmatched name: suggestions by staff id, names looked up when shown. */
export interface StoredConsultantName {
  name: string;
  rows: number;
  suggestions: string[];
}

/** Exact matches: a consultant name of the file that is a project consultant's display name. */
export function exactConsultants(consultants: ConsultantCandidate[]): Map<string, string> {
  return new Map(consultants.map((person) => [consultantKey(person.displayName), person.id]));
}

/**
 * An office has a few dozen names for its consultants; a file with thousands of distinct ones has
 * something else in that column. Past this many (the most used kept), the rest import unassigned.
 */
export const maxConsultantNames = 500;

/** Every distinct name of the file with no exact match, most used first, with suggestions. */
export function consultantNamesToMap(
  counts: Map<string, number>,
  consultants: ConsultantCandidate[],
): StoredConsultantName[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
    .slice(0, maxConsultantNames)
    .map(([name, rows]) => ({ name, rows, suggestions: suggestConsultants(name, consultants) }));
}

export function showConsultantNames(
  stored: StoredConsultantName[],
  consultants: ConsultantCandidate[],
): ImportConsultantName[] {
  const names = new Map(consultants.map((person) => [person.id, person.displayName]));
  return stored.map((entry) => ({
    name: entry.name,
    rows: entry.rows,
    suggestions: entry.suggestions.flatMap((staffId) => {
      const displayName = names.get(staffId);
      return displayName ? [{ staffId, displayName }] : [];
    }),
  }));
}

/**
 * Checks the importer's choices: one for every unmatched name, each a consultant of the project
 * (the importer included when they are one) or null. Returns the mapping by name key.
 */
export function resolveConsultantChoices(
  stored: StoredConsultantName[],
  choices: ImportConsultantChoice[],
  consultants: ConsultantCandidate[],
): Record<string, string | null> {
  const allowed = new Set(consultants.map((person) => person.id));
  const wanted = new Set(stored.map((entry) => consultantKey(entry.name)));
  const mapping: Record<string, string | null> = {};
  for (const choice of choices) {
    const key = consultantKey(choice.name);
    if (!wanted.has(key) || (choice.staffId !== null && !allowed.has(choice.staffId)))
      throw fieldError(customerErrors.IMPORT_CONSULTANT_INVALID, { name: choice.name });
    mapping[key] = choice.staffId;
  }
  const missing = stored
    .filter((entry) => !(consultantKey(entry.name) in mapping))
    .map((entry) => entry.name);
  if (missing.length)
    throw fieldError(customerErrors.IMPORT_CONSULTANT_UNMAPPED, { names: missing.slice(0, 10).join('、') });
  return mapping;
}

/** The error, with the same message on the consultants field so the form marks it. */
function fieldError(definition: ErrorDefinition, params: ErrorParams): AppError {
  const { message } = definition;
  return new AppError(definition, params, {
    consultants: localized(
      fillPlaceholders(message['zh-CN'], params, 'zh-CN'),
      fillPlaceholders(message['zh-TW'], params, 'zh-TW'),
      fillPlaceholders(message.en, params, 'en'),
    ),
  });
}
