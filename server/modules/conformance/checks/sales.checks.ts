import type { CheckDefinition, SubjectFacts } from './check-types.js';

/** The sales checks (filled in by the rules they prove). */
export const salesChecks: CheckDefinition<SubjectFacts>[] = [];
