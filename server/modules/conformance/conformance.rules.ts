import { createHash } from 'node:crypto';
import type { CheckStatus, ScorecardPeriod, Tally } from '../../../contracts/conformance.js';
import type { CheckDefinition, CheckOutcome, SubjectFacts } from './checks/index.js';

// Pure rules of scoring: no I/O, `now` passed in.

const shanghaiOffsetMs = 8 * 3600_000;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) of a UTC instant (China keeps no summer time). */
export function shanghaiDay(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** Adds days to a calendar day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the bucket a day falls in: itself, its week's Monday, its month's first. */
export function bucketStart(day: string, period: ScorecardPeriod): string {
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The last day of the bucket starting on `start`. */
export function bucketEnd(start: string, period: ScorecardPeriod): string {
  if (period === 'day') return start;
  if (period === 'week') return addDays(start, 6);
  const [year, month] = start.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Every bucket from the one holding `from` to the one holding `to`. */
export function bucketsBetween(
  from: string,
  to: string,
  period: ScorecardPeriod,
): Array<{ start: string; end: string }> {
  const buckets: Array<{ start: string; end: string }> = [];
  for (let start = bucketStart(from, period); start <= to; ) {
    const end = bucketEnd(start, period);
    buckets.push({ start, end });
    start = addDays(end, 1);
  }
  return buckets;
}

/** score = met / (met + missed); not applicable and pending do not count; null when nothing was decided. */
export function tally(met: number, missed: number, notApplicable: number): Tally {
  const decided = met + missed;
  return {
    met,
    missed,
    notApplicable,
    score: decided === 0 ? null : Math.round((met / decided) * 1000) / 1000,
  };
}

const letters: Record<CheckStatus, string> = { met: 'm', missed: 'x', not_applicable: 'n', pending: 'p' };
const statusOfLetter: Record<string, CheckStatus> = {
  m: 'met',
  x: 'missed',
  n: 'not_applicable',
  p: 'pending',
};

export const letterOf = (status: CheckStatus) => letters[status];
export const statusOf = (letter: string): CheckStatus => statusOfLetter[letter] ?? 'pending';

export interface Evaluation {
  outcomes: string;
  met: number;
  missed: number;
  notApplicable: number;
  pending: number;
  recheckAt: string | null;
  results: CheckOutcome[];
}

/**
 * Evaluates every check of the facts' kind (in rulebook order). A check that throws counts as
 * pending and is looked at again in an hour, so one bad row never stops a run.
 */
export function evaluateSubject(
  checks: readonly CheckDefinition<SubjectFacts>[],
  facts: SubjectFacts,
  now: Date,
): Evaluation {
  let outcomes = '';
  let met = 0;
  let missed = 0;
  let notApplicable = 0;
  let pending = 0;
  let recheckAt: string | null = null;
  const results: CheckOutcome[] = [];
  for (const check of checks) {
    let outcome: CheckOutcome;
    try {
      outcome = check.evaluate(facts, now);
    } catch {
      outcome = {
        status: 'pending',
        evidence: [],
        decidesAt: new Date(now.getTime() + 3600_000).toISOString(),
      };
    }
    results.push(outcome);
    outcomes += letters[outcome.status];
    if (outcome.status === 'met') met++;
    else if (outcome.status === 'missed') missed++;
    else if (outcome.status === 'not_applicable') notApplicable++;
    else {
      pending++;
      const decidesAt = outcome.decidesAt ?? new Date(now.getTime() + 3600_000).toISOString();
      if (recheckAt === null || decidesAt < recheckAt) recheckAt = decidesAt;
    }
  }
  return { outcomes, met, missed, notApplicable, pending, recheckAt, results };
}

/** What decides whether a stored score must be written again. */
export function outcomeHash(facts: SubjectFacts, rulebookVersion: string, evaluation: Evaluation): string {
  return createHash('sha1')
    .update(
      [
        rulebookVersion,
        facts.companyId,
        facts.projectId,
        facts.deskId ?? '',
        facts.staffId ?? '',
        facts.occurredAt,
        evaluation.outcomes,
        evaluation.recheckAt ?? '',
      ].join('|'),
    )
    .digest('base64')
    .slice(0, 16);
}
