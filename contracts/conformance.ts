/** Conformance (CONF): the vocabulary server and web share. */

/** What a score is about; each kind's facts come from the module that records them. */
export const subjectKinds = [
  'call',
  'message',
  'leader_call',
  'incident',
  'sales_call',
  'visit',
  'follow_up',
  'deal',
] as const;
export type SubjectKind = (typeof subjectKinds)[number];

/** pending: not decidable yet (a deadline still ahead); not counted in the score. */
export const checkStatuses = ['met', 'missed', 'not_applicable', 'pending'] as const;
export type CheckStatus = (typeof checkStatuses)[number];

/** The rule IDs of DOMAIN.md that have checks. */
export type RuleId = `${'CS' | 'SEC' | 'SA'}-${number}`;

/** Who a scorecard groups by; team = the staff's department. */
export const scorecardLevels = ['staff', 'desk', 'team', 'project'] as const;
export type ScorecardLevel = (typeof scorecardLevels)[number];

/** The size of a scorecard's trend buckets (Asia/Shanghai days; weeks start on Monday). */
export const scorecardPeriods = ['day', 'week', 'month'] as const;
export type ScorecardPeriod = (typeof scorecardPeriods)[number];

export interface LocalizedText {
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

/** A link from evidence or a score to the record that decided it. */
export interface EvidenceLink {
  kind: SubjectKind | 'audit' | 'notification' | 'staff';
  id: string;
}

export interface EvidenceView {
  label: LocalizedText;
  value: string | LocalizedText | null;
  at: string | null;
  link: EvidenceLink | null;
}

export interface CheckView {
  checkId: string;
  ruleId: string;
  version: number;
  title: LocalizedText;
  status: CheckStatus;
  evidence: EvidenceView[];
  decidesAt: string | null;
}

/** Met, missed, not applicable (and pending): score = met / (met + missed), null when neither. */
export interface Tally {
  met: number;
  missed: number;
  notApplicable: number;
  score: number | null;
}

export interface StoredScore extends Tally {
  pending: number;
  rulebookVersion: string;
  /** When the rulebook that scored it first scored anything: how people tell rulebooks apart. */
  rulebookSince: string | null;
  scoredAt: string;
  recheckAt: string | null;
}

/** One subject with every check re-evaluated now from its recorded facts, and its stored score. */
export interface SubjectConformance {
  kind: SubjectKind;
  id: string;
  occurredAt: string;
  projectId: string;
  projectName: string | null;
  deskId: string | null;
  staffId: string | null;
  staffName: string | null;
  /** The rulebook that evaluated `checks` (the current one), and since when it scores. */
  rulebookVersion: string;
  rulebookSince: string | null;
  checks: CheckView[];
  tally: Tally;
  /** As stored by the last scoring (null when not scored yet), with the rulebook that scored it. */
  stored: StoredScore | null;
}

export interface ScorecardRow extends Tally {
  /** The staff, desk, department or project id; '' for "none" (a call nobody answered, staff of no team). */
  key: string;
  name: string;
}

export interface ScorecardRule extends Tally {
  ruleId: string;
  checkId: string;
  title: LocalizedText;
}

export interface ScorecardBucket extends Tally {
  /** The bucket's first Asia/Shanghai day. */
  start: string;
  end: string;
}

export interface Scorecard {
  level: ScorecardLevel;
  period: ScorecardPeriod;
  from: string;
  to: string;
  total: Tally;
  trend: ScorecardBucket[];
  rows: ScorecardRow[];
  /** Worst first: the lowest score, then the most misses. */
  rules: ScorecardRule[];
  /**
   * The caller sees these figures but none of the records behind them (the administrator: calls,
   * visits and deals belong to their desks and owners), so the drill-down lists nothing by design.
   */
  recordsHidden: boolean;
}

/** One scored subject in the drill-down list. */
export interface ScoredSubject {
  subjectKind: SubjectKind;
  subjectId: string;
  occurredAt: string;
  projectName: string | null;
  deskName: string | null;
  staffName: string | null;
  met: number;
  missed: number;
  notApplicable: number;
  pending: number;
  score: number | null;
  missedChecks: Array<{ checkId: string; title: LocalizedText }>;
}

export const rescoreStates = ['idle', 'running', 'done', 'cancelled', 'failed'] as const;
export type RescoreState = (typeof rescoreStates)[number];

export interface RescoreProgress {
  state: RescoreState;
  scored: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** The subject kind being scored now. */
  kind: SubjectKind | null;
  error: string | null;
}
