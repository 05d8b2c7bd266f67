import { z } from 'zod';
import type * as contract from '../../../contracts/conformance.js';
import {
  checkStatuses,
  rescoreStates,
  scorecardLevels,
  scorecardPeriods,
  subjectKinds,
} from '../../../contracts/conformance.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay } from '../../platform/http/fields.js';

const id = z.string().min(1).max(64);
const localizedText = z.object({ 'zh-CN': z.string(), 'zh-TW': z.string(), en: z.string() });
const tallyFields = {
  met: z.number().int(),
  missed: z.number().int(),
  notApplicable: z.number().int(),
  score: z.number().nullable(),
};

export const subjectParams = z.strictObject({ kind: z.enum(subjectKinds), id });

const evidenceSchema = z.object({
  label: localizedText,
  value: z.union([z.string(), localizedText]).nullable(),
  at: z.string().nullable(),
  link: z
    .object({ kind: z.enum([...subjectKinds, 'audit', 'notification', 'staff']), id: z.string() })
    .nullable(),
});

export const subjectConformanceSchema = z.object({
  kind: z.enum(subjectKinds),
  id: z.string(),
  occurredAt: z.string(),
  projectId: z.string(),
  projectName: z.string().nullable(),
  deskId: z.string().nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  rulebookVersion: z.string(),
  rulebookSince: z.string().nullable(),
  checks: z.array(
    z.object({
      checkId: z.string(),
      ruleId: z.string(),
      version: z.number().int(),
      title: localizedText,
      status: z.enum(checkStatuses),
      evidence: z.array(evidenceSchema),
      decidesAt: z.string().nullable(),
    }),
  ),
  tally: z.object(tallyFields),
  stored: z
    .object({
      ...tallyFields,
      pending: z.number().int(),
      rulebookVersion: z.string(),
      rulebookSince: z.string().nullable(),
      scoredAt: z.string(),
      recheckAt: z.string().nullable(),
    })
    .nullable(),
});

/** The people and places a scorecard or the drill-down is narrowed to, over Asia/Shanghai days. */
const narrowing = {
  /** Default: the first of the current month to today. */
  from: calendarDay.optional(),
  to: calendarDay.optional(),
  projectId: id.optional(),
  deskId: id.optional(),
  staffId: id.optional(),
  departmentId: id.optional(),
  mine: z.enum(['true', 'false']).optional(),
};

export const scorecardQuery = z.strictObject({
  level: z.enum(scorecardLevels).default('staff'),
  period: z.enum(scorecardPeriods).default('day'),
  ...narrowing,
});

export const scorecardSchema = z.object({
  level: z.enum(scorecardLevels),
  period: z.enum(scorecardPeriods),
  from: z.string(),
  to: z.string(),
  total: z.object(tallyFields),
  trend: z.array(z.object({ start: z.string(), end: z.string(), ...tallyFields })),
  rows: z.array(z.object({ key: z.string(), name: z.string(), ...tallyFields })),
  rules: z.array(z.object({ ruleId: z.string(), checkId: z.string(), title: localizedText, ...tallyFields })),
  recordsHidden: z.boolean(),
});

export const subjectsQuery = z.strictObject({
  ...narrowing,
  kind: z.enum(subjectKinds).optional(),
  ruleId: z.string().max(32).optional(),
  checkId: z.string().max(64).optional(),
  status: z.enum(checkStatuses).optional(),
  sort: z.enum(['occurredAt', 'missed', 'met']).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const scoredSubjectSchema = z.object({
  subjectKind: z.enum(subjectKinds),
  subjectId: z.string(),
  occurredAt: z.string(),
  projectName: z.string().nullable(),
  deskName: z.string().nullable(),
  staffName: z.string().nullable(),
  met: z.number().int(),
  missed: z.number().int(),
  notApplicable: z.number().int(),
  pending: z.number().int(),
  score: z.number().nullable(),
  missedChecks: z.array(z.object({ checkId: z.string(), title: localizedText })),
});

export const rescoreProgressSchema = z.object({
  state: z.enum(rescoreStates),
  scored: z.number().int(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  kind: z.enum(subjectKinds).nullable(),
  error: z.string().nullable(),
});

export type ConformanceContractChecks = [
  Check<Agrees<contract.SubjectConformance, typeof subjectConformanceSchema>>,
  Check<Agrees<contract.Scorecard, typeof scorecardSchema>>,
  Check<Agrees<contract.ScoredSubject, typeof scoredSubjectSchema>>,
  Check<Agrees<contract.RescoreProgress, typeof rescoreProgressSchema>>,
];
