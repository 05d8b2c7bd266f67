import { z } from 'zod';
import { locales } from '../../../contracts/locales.js';
import { calendarDay, multilineText, nfkcText } from '../../platform/http/fields.js';
import { pageQuery, sortQuery } from '../../platform/http/pagination.js';
import { localizedIssue } from '../../platform/http/validation.js';
import { scriptSituations } from './calls.scripts.js';
import { conductSteps } from './calls.tables.js';

const id = z.string().min(1).max(64);
const dayText = calendarDay;
const phoneText = nfkcText()
  .trim()
  .max(40)
  .regex(
    /^[0-9+\-() #*]*$/,
    localizedIssue({
      'zh-CN': '只能包含数字和 + - ( ) # *',
      'zh-TW': '只能包含數字和 + - ( ) # *',
      en: 'Digits and + - ( ) # * only',
    }),
  );

export const callStatusSchema = z.enum(['ringing', 'answered', 'on_hold', 'ended', 'missed']);
export const eventTypeSchema = z.enum(['ringing', 'answered', 'held', 'resumed', 'transferred', 'ended']);
export const releasedBySchema = z.enum(['caller', 'agent', 'system']);
export const situationSchema = z
  .enum(scriptSituations as [string, ...string[]])
  .transform((value) => value as (typeof scriptSituations)[number]);
export const localeSchema = z.enum(locales);

export const deskIdParams = z.strictObject({ deskId: id });
export const callIdParams = z.strictObject({ callId: id });

export const ringPolicySchema = z.object({
  cadenceSeconds: z.number(),
  ringOnSeconds: z.number(),
  counting: z.enum(['before_next_ring', 'during_ring']),
  maxRings: z.number(),
});

/** The desk a queue or a call belongs to; `kind` is any desk kind the org knows. */
export const deskSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  projectName: z.string(),
  policy: ringPolicySchema,
});

export const callDeskSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['service_centre', 'security_post']),
  phone: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  cti: z.object({
    isEnabled: z.boolean(),
    secretHint: z.string().nullable(),
    rotatedAt: z.string().nullable(),
    lastEventAt: z.string().nullable(),
  }),
});

export const callSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  projectId: z.string(),
  source: z.enum(['cti', 'manual']),
  externalCallId: z.string().nullable(),
  status: callStatusSchema,
  callerNumber: z.string(),
  callerNumberDisplay: z.string(),
  isCallerNumberValid: z.boolean(),
  callerName: z.string(),
  callerStaffId: z.string().nullable(),
  ringingAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  heldSince: z.string().nullable(),
  answeredByStaffId: z.string().nullable(),
  answeredByName: z.string().nullable(),
  releasedBy: releasedBySchema.nullable(),
  transferredToStaffId: z.string().nullable(),
  transferredToName: z.string().nullable(),
  transferKind: z.enum(['transfer', 'fetch']).nullable(),
  ringMs: z.number().nullable(),
  rings: z.number().nullable(),
  maxRings: z.number(),
  isAnsweredWithinLimit: z.boolean(),
  holdMs: z.number(),
  holdCount: z.number(),
  talkMs: z.number().nullable(),
  purposeId: z.string().nullable(),
  notes: z.string(),
  conductSteps: z.array(z.enum(conductSteps)),
});

/** The call list's filters and sort, shared by the list and its export. */
export const callFilters = z.strictObject({
  deskId: id.optional(),
  fromDay: dayText.optional(),
  toDay: dayText.optional(),
  status: callStatusSchema.optional(),
  purposeId: id.optional(),
  answeredByStaffId: id.optional(),
  callerNumber: nfkcText().trim().max(40).optional(),
  withinLimit: z.enum(['true', 'false']).optional(),
  ...sortQuery(['ringingAt', 'ringMs', 'holdMs', 'talkMs']),
});

export const manualCallBody = z.strictObject({ callerNumber: phoneText.default('') });

export const callActionBody = z.strictObject({
  action: z.enum(['answer', 'hold', 'resume', 'transfer', 'end']),
  releasedBy: releasedBySchema.optional(),
  targetStaffId: id.optional(),
  transferKind: z.enum(['transfer', 'fetch']).optional(),
});

export const callDetailsBody = z.strictObject({
  purposeId: id.nullable().optional(),
  notes: multilineText(z.string().max(4000)).optional(),
  callerName: z.string().trim().max(60).optional(),
  conductSteps: z.array(z.enum(conductSteps)).max(conductSteps.length).optional(),
});

export const scriptSchema = z.object({
  situation: z.string(),
  rule: z.string(),
  version: z.number(),
  templates: z.array(z.string()),
  phrases: z.array(z.string()),
  updatedAt: z.string().nullable(),
});

export const scriptVersionSchema = z.object({
  version: z.number(),
  templates: z.array(z.string()),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export const scriptSavedSchema = z.object({ version: z.number(), phrases: z.array(z.string()) });

export const scriptsQuery = z.strictObject({ locale: localeSchema.optional() });
export const scriptSaveBody = z.strictObject({
  locale: localeSchema,
  templates: z.array(z.string().trim().min(1).max(500)).min(1).max(10),
});
export const scriptParams = z.strictObject({ deskId: id, situation: situationSchema });

export const purposeSchema = z.object({
  id: z.string(),
  key: z.string().nullable(),
  label: z.string(),
  sortOrder: z.number(),
  isActive: z.boolean(),
});
export const purposeCreateBody = z.strictObject({
  label: z.string().trim().min(1).max(20),
  sortOrder: z.number().int().min(0).max(10000).default(100),
});
export const purposeUpdateBody = z.strictObject({
  label: z.string().trim().min(1).max(20),
  sortOrder: z.number().int().min(0).max(10000),
  isActive: z.boolean(),
});

export const directoryQuery = z.strictObject({
  q: z.string().trim().max(40).optional(),
  departmentId: id.optional(),
  buildingId: id.optional(),
  doorId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const directoryEntrySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  title: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  doorId: z.string().nullable(),
  doorName: z.string().nullable(),
  officePhone: z.string(),
  shareableMobile: z.string().nullable(),
  presence: z.enum(['at_desk', 'away', 'busy', 'off']),
  presenceChangedAt: z.string(),
});

export const workplaceBody = z.strictObject({ buildingId: id.nullable(), doorId: id.nullable() });

export const messageBody = z.strictObject({
  deskId: id,
  callId: id.nullable().optional(),
  recipientStaffId: id,
  kind: z.enum(['message', 'pass_on']),
  callerName: z.string().trim().min(1).max(60),
  callbackNumber: phoneText.min(1),
  content: multilineText(z.string().trim().min(1).max(2000)),
  urgency: z.enum(['normal', 'urgent']).default('normal'),
});

export const messageSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  callId: z.string().nullable(),
  recipientStaffId: z.string(),
  recipientName: z.string(),
  kind: z.enum(['message', 'pass_on']),
  callerName: z.string(),
  callbackNumber: z.string(),
  callbackNumberDisplay: z.string(),
  isCallbackNumberValid: z.boolean(),
  content: z.string(),
  urgency: z.enum(['normal', 'urgent']),
  status: z.enum(['new', 'read', 'handled']),
  createdAt: z.string(),
  createdByName: z.string(),
  readAt: z.string().nullable(),
  handledAt: z.string().nullable(),
  handledNote: z.string(),
  escalatedAt: z.string().nullable(),
  escalatedToName: z.string().nullable(),
});

export const deskMessageListQuery = z.strictObject({
  status: z.enum(['new', 'read', 'handled']).optional(),
  ...pageQuery(['createdAt']),
});
/** `box=mine` is what the inbox has always sent; a desk's messages have their own route. */
export const messageListQuery = deskMessageListQuery.extend({ box: z.literal('mine').optional() });

export const messageStepSchema = z.object({
  id: z.string(),
  status: z.enum(['new', 'read', 'handled']),
  readAt: z.string().nullable(),
  handledAt: z.string().nullable(),
});

export const messageIdParams = z.strictObject({ messageId: id });
export const handleBody = z.strictObject({ note: multilineText(z.string().trim().max(1000)).default('') });

export const identitySchema = z.enum(['owner', 'tenant', 'visitor', 'staff', 'other']);

// Emergencies are checked by the SEC-5 rule, not here, so the refusal names every missing fact at once.
export const incidentBody = z.strictObject({
  deskId: id,
  callId: id.nullable().optional(),
  isEmergency: z.boolean(),
  callerName: z.string().trim().max(60).default(''),
  callerIdentity: identitySchema.nullable().default(null),
  buildingId: id.nullable().default(null),
  doorId: id.nullable().default(null),
  unitLabel: z.string().trim().max(40).default(''),
  phone: phoneText.default(''),
  account: multilineText(z.string().trim().max(2000)).default(''),
});

export const incidentSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  callId: z.string().nullable(),
  isEmergency: z.boolean(),
  callerName: z.string(),
  callerIdentity: identitySchema.nullable(),
  buildingId: z.string().nullable(),
  doorId: z.string().nullable(),
  buildingName: z.string(),
  doorName: z.string(),
  unitLabel: z.string(),
  phone: z.string(),
  account: z.string(),
  status: z.enum(['reported', 'dispatched', 'resolved']),
  reportedAt: z.string(),
  timeline: z.array(
    z.object({
      status: z.string(),
      at: z.string(),
      byStaffId: z.string().nullable(),
      byName: z.string(),
      note: z.string(),
    }),
  ),
});

export const incidentIdParams = z.strictObject({ incidentId: id });
export const incidentStepBody = z.strictObject({
  action: z.enum(['dispatch', 'resolve']),
  note: multilineText(z.string().trim().max(1000)).default(''),
});
export const deskRecordsQuery = z.strictObject({
  deskId: id.optional(),
  status: z.string().max(20).optional(),
  emergencyOnly: z.enum(['true', 'false']).optional(),
  ...pageQuery(['createdAt']),
});

export const leaderCallBody = z.strictObject({
  deskId: id,
  callId: id.nullable().optional(),
  claimedName: z.string().trim().max(40).default(''),
  claimedTitle: z.string().trim().max(40).default(''),
  callbackNumber: phoneText.default(''),
  request: multilineText(z.string().trim().min(1).max(2000)),
  isIdentified: z.boolean(),
});

export const leaderCallSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  callId: z.string().nullable(),
  claimedName: z.string(),
  claimedTitle: z.string(),
  callbackNumber: z.string(),
  request: z.string(),
  isIdentified: z.boolean(),
  status: z.enum(['recorded', 'reported', 'closed']),
  createdAt: z.string(),
  createdByName: z.string(),
  reportedToName: z.string().nullable(),
  reportedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  closingNote: z.string(),
});
export const leaderCallStepSchema = z.object({
  id: z.string(),
  status: z.enum(['recorded', 'reported', 'closed']),
});
export const leaderCallIdParams = z.strictObject({ leaderCallId: id });
export const closeBody = z.strictObject({ note: multilineText(z.string().trim().max(1000)).default('') });

export const emergencyContactSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  title: z.string(),
});
export const contactsBody = z.strictObject({ staffIds: z.array(id).max(20) });

export const statsQuery = z.strictObject({
  deskId: z.union([id, z.array(id).max(20)]).optional(),
  fromDay: dayText,
  toDay: dayText,
});

export const ctiSecretSchema = z.object({
  deskId: z.string(),
  secret: z.string(),
  secretHint: z.string(),
  rotatedAt: z.string(),
});
export const ctiEnabledBody = z.strictObject({ isEnabled: z.boolean() });

/** CS-1 / SEC-2: what the desk screen's greeting report recorded. */
export const greetingShownSchema = z.object({
  greetingShownAt: z.string().nullable(),
  greetingVersion: z.number().nullable(),
});
