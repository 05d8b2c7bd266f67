export type { ConformanceTables } from './conformance.tables.js';
export { type ConformanceSummary, summarizeConformance } from './summary.js';
