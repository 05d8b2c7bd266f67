import type { CheckDefinition, SubjectFacts } from './check-types.js';

/** The desk checks (filled in by the rules they prove). */
export const deskChecks: CheckDefinition<SubjectFacts>[] = [];
