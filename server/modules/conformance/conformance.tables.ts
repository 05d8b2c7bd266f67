import type { SubjectKind } from '../../../contracts/conformance.js';

/**
 * One row per scored subject. `outcomes` is one letter per check of the subject's kind, in the
 * order of the rulebook that scored it (m met, x missed, n not applicable, p pending): a million
 * calls stay small, and evidence is derived again from the recorded facts when someone looks.
 */
export interface ConformanceScoresTable {
  subjectKind: SubjectKind;
  subjectId: string;
  companyId: string;
  projectId: string;
  deskId: string | null;
  staffId: string | null;
  occurredAt: string;
  /** The Asia/Shanghai day of occurredAt. */
  day: string;
  rulebookVersion: string;
  outcomes: string;
  met: number;
  missed: number;
  notApplicable: number;
  pending: number;
  /** The earliest moment a pending check becomes decidable; null when nothing is pending. */
  recheckAt: string | null;
  /** Hash of the placement and outcomes: a rescoring that changes nothing writes nothing. */
  outcomeHash: string;
  scoredAt: string;
}

/** Per day, place, person, kind and check: the counts the scorecards read ('' = no desk / nobody). */
export interface ConformanceDailyTable {
  day: string;
  companyId: string;
  projectId: string;
  deskId: string;
  staffId: string;
  subjectKind: SubjectKind;
  checkId: string;
  ruleId: string;
  met: number;
  missed: number;
  notApplicable: number;
}

/** Every rulebook that scored something: its checks (ids, versions, titles, kinds) in order. */
export interface ConformanceRulebooksTable {
  version: string;
  /** JSON: Array<{ id, ruleId, version, subjectKind, title }>. */
  checks: string;
  firstUsedAt: string;
}

/** Where incremental scoring of one source left off. */
export interface ConformanceCursorsTable {
  sourceKind: string;
  lastRunAt: string;
}

export interface ConformanceTables {
  conformanceScores: ConformanceScoresTable;
  conformanceDaily: ConformanceDailyTable;
  conformanceRulebooks: ConformanceRulebooksTable;
  conformanceCursors: ConformanceCursorsTable;
}
