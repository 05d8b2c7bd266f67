import type { CheckStatus, RuleId, SubjectKind } from '../../../../contracts/conformance.js';
import type { Localized } from '../../../../contracts/locales.js';

export type { CheckStatus, RuleId, SubjectKind };

/**
 * What every subject's facts carry: which subject, where, whose, when. A source module (calls,
 * reception, customers, deals) builds these from what it recorded — rows, timestamps, audit — and
 * never from a box someone ticked to say a rule was kept.
 */
export interface SubjectFacts {
  kind: SubjectKind;
  id: string;
  companyId: string;
  projectId: string;
  /** The desk of a desk call, message, leader call or incident; null for sales subjects. */
  deskId: string | null;
  /** Whom the score counts for (the agent who answered, the consultant); null when nobody (a call never answered). */
  staffId: string | null;
  /** When the subject happened (UTC ISO); its Asia/Shanghai day files the score. */
  occurredAt: string;
}

/** One fact that decided a check, shown beside it: a label, a value, when it happened, a link to the row. */
export interface Evidence {
  label: Localized;
  value?: string | Localized;
  at?: string | null;
  /** The record the fact comes from, for the drill-down (a call, a deal, an audit row, a notification). */
  link?: { kind: SubjectKind | 'audit' | 'notification' | 'staff'; id: string };
}

export interface CheckOutcome {
  status: CheckStatus;
  evidence: Evidence[];
  /** For a pending check: when it becomes decidable (a deadline), so scoring looks again then. */
  decidesAt?: string | null;
}

/**
 * One check of one rule. `id` is `<rule>.<what>` ('CS-1.rings'); raise `version` whenever
 * `evaluate` changes meaning, so every stored score says which rulebook decided it.
 * `evaluate` is pure: facts and the scoring time in, outcome out.
 */
export interface CheckDefinition<F extends SubjectFacts = SubjectFacts> {
  id: string;
  ruleId: RuleId;
  version: number;
  subjectKind: F['kind'];
  title: Localized;
  evaluate(facts: F, now: Date): CheckOutcome;
}

/** A source of one subject kind's facts, implemented in the module that records them. */
export interface FactSource<F extends SubjectFacts = SubjectFacts> {
  kind: F['kind'];
  /**
   * Subjects whose recorded facts changed at or after `since` (every subject when null), in id
   * order after `afterId`, at most `limit`. Used for incremental scoring and the full backfill.
   */
  changed(
    db: import('../../../platform/db/database.js').Db,
    query: { since: string | null; afterId: string | null; limit: number },
  ): Promise<F[]>;
  /** The facts of these subjects (missing ids are left out). */
  byIds(db: import('../../../platform/db/database.js').Db, ids: string[]): Promise<F[]>;
}

export function defineCheck<F extends SubjectFacts>(definition: CheckDefinition<F>): CheckDefinition<F> {
  return definition;
}

export const met = (...evidence: Evidence[]): CheckOutcome => ({ status: 'met', evidence });
export const missed = (...evidence: Evidence[]): CheckOutcome => ({ status: 'missed', evidence });
export const notApplicable = (...evidence: Evidence[]): CheckOutcome => ({
  status: 'not_applicable',
  evidence,
});
export const pending = (decidesAt: string, ...evidence: Evidence[]): CheckOutcome => ({
  status: 'pending',
  evidence,
  decidesAt,
});
