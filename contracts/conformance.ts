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
