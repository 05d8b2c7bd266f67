import { z } from 'zod';
import type { CallDetailRecording } from '../../../contracts/call-recordings.js';
import type * as contract from '../../../contracts/calls.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { callerResidentSchema, residentMatchSchema } from '../residents/index.js';
import { workOrderSummarySchema } from '../workorders/index.js';
import {
  type callDeskSchema,
  callSchema,
  callStatusSchema,
  type ctiSecretSchema,
  deskSummarySchema,
  directoryEntrySchema,
  type emergencyContactSchema,
  type greetingShownSchema,
  type incidentSchema,
  type leaderCallSchema,
  type leaderCallStepSchema,
  type messageSchema,
  type messageStepSchema,
  type purposeSchema,
  releasedBySchema,
  type scriptSavedSchema,
  scriptSchema,
  type scriptVersionSchema,
} from './calls.schemas.js';
import { callDetailRecordingSchema } from './recordings.schemas.js';

const linkStatus = z.string();

/** CS-4: the lookup of a person the agent did not know, as the desk screen shows it. */
export const personLookupSchema = z.object({
  shownAt: z.string(),
  searches: z.array(z.object({ at: z.string(), query: z.string(), resultCount: z.number() })),
  outcome: z
    .object({
      kind: z.enum(['transferred', 'fetched', 'message', 'not_found']),
      at: z.string(),
      staffName: z.string().nullable(),
    })
    .nullable(),
});

/** CS-4: a directory search made for the caller (a word is needed: an empty list is not a search). */
export const personSearchBody = z.strictObject({
  q: z.string().trim().min(1).max(40),
  departmentId: z.string().min(1).max(64).optional(),
  buildingId: z.string().min(1).max(64).optional(),
  doorId: z.string().min(1).max(64).optional(),
});

/** CS-4: a search made for the caller finds staff (the directory) and residents (the register). */
export const personSearchResultSchema = z.object({
  items: z.array(directoryEntrySchema),
  residents: z.array(residentMatchSchema),
});

/** One call as the agent's screen shows it: greeting, scripts, screen pop and what came of it. */
export const callDetailSchema = z.object({
  call: callSchema,
  personLookup: personLookupSchema.nullable(),
  callerNumberDisplay: z.string(),
  answeredByName: z.string().nullable(),
  transferredToName: z.string().nullable(),
  desk: deskSummarySchema,
  greeting: z.string(),
  scripts: z.array(scriptSchema),
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      source: z.string(),
      occurredAt: z.string(),
      receivedAt: z.string(),
      releasedBy: releasedBySchema.nullable(),
      byName: z.string().nullable(),
      targetName: z.string().nullable(),
    }),
  ),
  caller: z.object({
    staff: directoryEntrySchema.nullable(),
    customers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        projectName: z.string(),
        category: z.enum(['normal', 'key']),
        phoneMasked: z.string(),
        ownerName: z.string().nullable(),
      }),
    ),
    /** Residents (property desk's register) who gave this number. */
    residents: z.array(callerResidentSchema),
    workOrders: z.array(workOrderSummarySchema),
    recentCalls: z.array(
      z.object({
        id: z.string(),
        ringingAt: z.string(),
        status: callStatusSchema,
        purposeId: z.string().nullable(),
        notes: z.string(),
        answeredByName: z.string().nullable(),
      }),
    ),
    recentMessages: z.array(
      z.object({
        id: z.string(),
        createdAt: z.string(),
        recipientName: z.string(),
        content: z.string(),
        status: linkStatus,
      }),
    ),
    recentIncidents: z.array(
      z.object({
        id: z.string(),
        reportedAt: z.string(),
        account: z.string(),
        status: linkStatus,
        isEmergency: z.boolean(),
      }),
    ),
  }),
  links: z.object({
    messages: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        recipientName: z.string(),
        status: linkStatus,
        content: z.string(),
      }),
    ),
    leaderCalls: z.array(
      z.object({ id: z.string(), claimedName: z.string(), claimedTitle: z.string(), status: linkStatus }),
    ),
    incidents: z.array(
      z.object({ id: z.string(), isEmergency: z.boolean(), account: z.string(), status: linkStatus }),
    ),
  }),
  ...callDetailRecordingSchema.shape,
});

/** The web client's types (contracts/calls.ts) agree with the answers the schemas serialise. */
export type CallsContractChecks = [
  Check<Agrees<contract.CallDetail & CallDetailRecording, typeof callDetailSchema>>,
  Check<Agrees<contract.Call, typeof callSchema>>,
  Check<Agrees<contract.CallDesk, typeof callDeskSchema>>,
  Check<Agrees<contract.DeskSummary, typeof deskSummarySchema>>,
  Check<Agrees<contract.Script, typeof scriptSchema>>,
  Check<Agrees<contract.ScriptVersion, typeof scriptVersionSchema>>,
  Check<Agrees<contract.ScriptSaved, typeof scriptSavedSchema>>,
  Check<Agrees<contract.Purpose, typeof purposeSchema>>,
  Check<Agrees<contract.DirectoryEntry, typeof directoryEntrySchema>>,
  Check<Agrees<contract.Message, typeof messageSchema>>,
  Check<Agrees<contract.MessageStep, typeof messageStepSchema>>,
  Check<Agrees<contract.Incident, typeof incidentSchema>>,
  Check<Agrees<contract.LeaderCall, typeof leaderCallSchema>>,
  Check<Agrees<contract.LeaderCallStep, typeof leaderCallStepSchema>>,
  Check<Agrees<contract.EmergencyContact, typeof emergencyContactSchema>>,
  Check<Agrees<contract.CtiSecret, typeof ctiSecretSchema>>,
  Check<Agrees<contract.GreetingShown, typeof greetingShownSchema>>,
  Check<Agrees<contract.PersonLookup, typeof personLookupSchema>>,
];
