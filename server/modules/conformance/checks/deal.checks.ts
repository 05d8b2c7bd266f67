import type { CheckDefinition, SubjectFacts } from './check-types.js';

/** The deal checks (filled in by the rules they prove). */
export const dealChecks: CheckDefinition<SubjectFacts>[] = [];
