import { createHash } from 'node:crypto';
import type { CheckDefinition, SubjectFacts } from './check-types.js';
import { dealChecks } from './deal.checks.js';
import { deskChecks } from './desk.checks.js';
import { salesChecks } from './sales.checks.js';

export * from './check-types.js';

/** Every check of every rule: the one place the rulebook is defined. */
export const checkDefinitions: readonly CheckDefinition<SubjectFacts>[] = [
  ...deskChecks,
  ...salesChecks,
  ...dealChecks,
];

/** The rulebook's version: a short hash of every check's id and version, stored with each score. */
export const rulebookVersion = createHash('sha256')
  .update(checkDefinitions.map((check) => `${check.id}@${check.version}`).join('\n'))
  .digest('hex')
  .slice(0, 12);
