import './conformance.jobs.js';

export * from './checks/index.js';
export { runConformanceScoring, scheduleConformanceScoring, scoringJobKind } from './conformance.jobs.js';
export { conformanceRoutes } from './conformance.routes.js';
export type { ConformanceTables } from './conformance.tables.js';
export { rescoreAll, scoreChanges, scoreSubjects } from './engine.js';
export { cancelRescore, getRescoreProgress, rescoreFinished, startRescore } from './rescore.js';
export { getScorecard } from './scorecards.js';
export { factSources } from './sources.js';
export { findScoredSubjects, getSubjectConformance } from './subjects.js';
export { type ConformanceSummary, summarizeConformance } from './summary.js';
