import { z } from 'zod';
import type * as contract from '../../../contracts/reception.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { calendarDay, dateTime, multilineText, nfkcText } from '../../platform/http/fields.js';
import { sortQuery } from '../../platform/http/pagination.js';

const id = z.string().min(1).max(64);
const day = calendarDay;
const area = z.number().int().min(1).max(10000).nullable().default(null);
const purpose = z.enum(['self_use', 'investment', 'upgrade', 'other', '']).default('');
export const callResultSchema = z.enum([
  'left_contact',
  'info_only',
  'appointment',
  'no_contact',
  'wrong_number',
  'other',
]);
export const visitorKindSchema = z.enum(['buyer', 'developer', 'peer', 'media']);
export const visitStepSchema = z.enum([
  'greet',
  'boards',
  'show_flat',
  'seated',
  'plan',
  'registration',
  'see_off',
]);

export const projectQuery = z.strictObject({ projectId: id });
export const projectBody = z.strictObject({ projectId: id });
/** SA-1(1): why a consultant takes someone else's turn; "other" needs the note. */
export const outOfTurnSchema = z
  .strictObject({
    reason: z.enum(['customer_request', 'next_with_customer', 'next_not_answering', 'other']),
    note: multilineText(z.string().trim().max(200)).default(''),
  })
  .nullable()
  .default(null);
export const answerBody = z.strictObject({ projectId: id, outOfTurn: outOfTurnSchema });
export const endVisitBody = z.strictObject({ reason: multilineText(z.string().trim().min(1).max(200)) });
export const orderBody = z.strictObject({ projectId: id, staffIds: z.array(id).min(1).max(200) });

export const boardSchema = z.object({
  day: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  greeting: z.string(),
  nextStaffId: z.string().nullable(),
  nextName: z.string().nullable(),
  lastStaffId: z.string().nullable(),
  isMyTurn: z.boolean(),
  canReorder: z.boolean(),
  members: z.array(
    z.object({
      staffId: z.string(),
      displayName: z.string(),
      presence: z.string(),
      position: z.number(),
      calls: z.number(),
      visits: z.number(),
      isNext: z.boolean(),
    }),
  ),
});

export const callSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  customerId: z.string().nullable(),
  answeredAt: z.string(),
  endedAt: z.string().nullable(),
  isOpen: z.boolean(),
  callerPhone: z.string(),
  callerName: z.string(),
  sourceChannelId: z.string().nullable(),
  questions: z.string(),
  intentLayout: z.string(),
  intentAreaMin: z.number().nullable(),
  intentAreaMax: z.number().nullable(),
  intentBudgetFen: z.number().nullable(),
  intentPurpose: z.string(),
  result: callResultSchema,
  appointmentAt: z.string().nullable(),
  hour: z.number(),
  day: z.string(),
});

const ownershipSchema = z.object({
  status: z.enum(['none', 'created', 'mine', 'taken', 'taken_over']),
  ownerName: z.string().nullable().optional(),
});

export const answerResult = z.object({ call: callSchema, greeting: z.string() });
/** SA-1(1): when the answering screen first showed the call's greeting. */
export const greetingShownSchema = z.object({ greetingShownAt: z.string().nullable() });
export const registerCallResult = z.object({ call: callSchema, ownership: ownershipSchema });

export const callRegisterBody = z.strictObject({
  callerName: z.string().trim().max(40).default(''),
  callerPhone: nfkcText().trim().max(30).default(''),
  gender: z.enum(['male', 'female', 'unknown']).default('unknown'),
  sourceChannelId: id.nullable().default(null),
  questions: multilineText(z.string().trim().max(1000)).default(''),
  intentLayout: z.string().trim().max(40).default(''),
  intentAreaMin: area,
  intentAreaMax: area,
  intentBudgetFen: z.number().int().min(0).max(1e13).nullable().default(null),
  intentPurpose: purpose,
  result: callResultSchema,
  appointmentAt: dateTime.nullable().default(null),
  hasContactConsent: z.boolean().default(true),
  hasMarketingConsent: z.boolean().default(false),
});

/** The call register's filters and sort, shared by its list and its export. */
export const callFilters = z.strictObject({
  projectId: id,
  staffId: id.optional(),
  dayFrom: day.optional(),
  dayTo: day.optional(),
  sourceChannelId: id.optional(),
  result: callResultSchema.optional(),
  ...sortQuery(['answeredAt']),
});

export const statsQuery = z.strictObject({ projectId: id, dayFrom: day, dayTo: day });
export const statsSchema = z.object({
  dayFrom: z.string(),
  dayTo: z.string(),
  total: z.number(),
  bySource: z.array(
    z.object({ sourceChannelId: z.string().nullable(), name: z.string(), count: z.number() }),
  ),
  byStaff: z.array(z.object({ staffId: z.string(), name: z.string(), count: z.number() })),
  byHour: z.array(z.object({ hour: z.number(), count: z.number() })),
  byDay: z.array(z.object({ day: z.string(), count: z.number() })),
});

export const visitorBody = z.strictObject({
  projectId: id,
  name: z.string().trim().min(1).max(40),
  gender: z.enum(['male', 'female', 'unknown']).default('unknown'),
  phones: z.array(nfkcText().trim().min(1).max(30)).max(5).default([]),
  isPhoneRefused: z.boolean().default(false),
  partySize: z.number().int().min(1).max(50).default(1),
  visitorKind: visitorKindSchema.default('buyer'),
  sourceChannelId: id.nullable().default(null),
  intentLayout: z.string().trim().max(40).default(''),
  intentAreaMin: area,
  intentAreaMax: area,
  intentBudgetFen: z.number().int().min(0).max(1e13).nullable().default(null),
  intentPurpose: purpose,
  notes: multilineText(z.string().trim().max(500)).default(''),
  hasContactConsent: z.boolean().default(false),
  hasMarketingConsent: z.boolean().default(false),
  outOfTurn: outOfTurnSchema,
});

/** SA-6: one selling point as the visit and the manager's screen show it. */
export const sellingPointSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  layout: z.string(),
});
export const sellingPointListSchema = z.object({ items: z.array(sellingPointSchema) });
export const sellingPointsBody = z.strictObject({
  projectId: id,
  items: z
    .array(
      z.strictObject({
        // Prose as typed: NFKC would turn the Chinese comma and colon into ASCII ones.
        title: z.string().trim().min(1).max(40),
        body: multilineText(z.string().trim().min(1).max(500)),
        layout: z.string().trim().max(40).default(''),
      }),
    )
    .max(30),
});

export const visitSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  customerId: z.string(),
  customer: z
    .object({
      id: z.string(),
      name: z.string(),
      phones: z.array(z.string()),
      isPhoneRefused: z.boolean(),
      category: z.string(),
      ownerName: z.string().nullable(),
    })
    .nullable(),
  arrivedAt: z.string(),
  leftAt: z.string().nullable(),
  partySize: z.number(),
  visitorKind: visitorKindSchema,
  isPhoneRefused: z.boolean(),
  notes: z.string(),
  status: z.enum(['in_progress', 'done']),
  /** Set when the visitor left before the steps were done. */
  leftEarlyReason: z.string(),
  currentStep: visitStepSchema.nullable(),
  planLink: z.string(),
  /** SA-6: what the boards step presents, in the manager's order. */
  sellingPoints: z.array(sellingPointSchema),
  steps: z.array(
    z.object({
      step: visitStepSchema,
      rule: z.string(),
      phrase: z.string(),
      startedAt: z.string().nullable(),
      completedAt: z.string().nullable(),
      isSkipped: z.boolean(),
      note: z.string(),
      durationSeconds: z.number().nullable(),
    }),
  ),
});
export const receiveResult = z.object({ visit: visitSchema, ownership: ownershipSchema });
export const stepBody = z.strictObject({
  note: multilineText(z.string().trim().max(500)).default(''),
  isSkipped: z.boolean().default(false),
});
export const stepParams = z.strictObject({ id, step: visitStepSchema });

/** The visit register's filters (its sort is not offered), shared by its list and its export. */
export const visitFilters = z.strictObject({
  projectId: id,
  staffId: id.optional(),
  dayFrom: day.optional(),
  dayTo: day.optional(),
  status: z.enum(['in_progress', 'done']).optional(),
  ...sortQuery(['arrivedAt']),
});
export const visitRowSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  arrivedAt: z.string(),
  leftAt: z.string().nullable(),
  partySize: z.number(),
  visitorKind: visitorKindSchema,
  isPhoneRefused: z.boolean(),
  status: z.string(),
  day: z.string(),
});

// These answers are the shared contract (contracts/reception.ts): see platform/http/contract-check.ts.
// The board, calls, statistics and visits still differ in detail (nullability, optional fields) and wait for theirs.
export type ContractChecks = [
  Check<Agrees<contract.SellingPoint, typeof sellingPointSchema>>,
  Check<Agrees<contract.SalesGreetingShown, typeof greetingShownSchema>>,
];
