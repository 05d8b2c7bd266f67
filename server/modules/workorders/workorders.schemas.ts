import { z } from 'zod';
import * as contract from '../../../contracts/workorders.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { multilineText, nfkcText } from '../../platform/http/fields.js';
import { sortQuery } from '../../platform/http/pagination.js';

const id = z.string().min(1).max(64);
const status = z.enum(contract.workOrderStatuses);
const action = z.enum(['create', 'assign', ...contract.workOrderSteps, 'callback', 'reopen', 'escalate']);
const note = multilineText(z.string().trim().max(2000));

/** The order as typed on the desk's form (the call's drawer, a walk-in, staff's own). */
export const workOrderFields = {
  category: z.enum(contract.workOrderCategories),
  urgency: z.enum(contract.workOrderUrgencies),
  buildingText: z.string().trim().max(40).default(''),
  doorText: z.string().trim().max(40).default(''),
  unitText: z.string().trim().max(40).default(''),
  description: multilineText(z.string().trim().min(1).max(2000)),
  callerName: z.string().trim().max(40).default(''),
  callerPhone: nfkcText().trim().max(30).default(''),
  teamId: id.nullable().optional(),
  assigneeId: id.nullable().optional(),
};

export const createBody = z.strictObject({
  projectId: id,
  source: z.enum(['walk_in', 'staff']),
  unitId: id.nullable().optional(),
  ...workOrderFields,
});

export const assignBody = z.strictObject({
  teamId: id.nullable().optional(),
  assigneeId: id.nullable().optional(),
});
export const stepBody = z.strictObject({ step: z.enum(contract.workOrderSteps), note: note.default('') });
export const callbackBody = z.strictObject({
  satisfaction: z.number().int().min(1).max(5),
  comment: note.default(''),
});
export const reopenBody = z.strictObject({ reason: multilineText(z.string().trim().min(1).max(2000)) });
export const photoQuery = z.strictObject({ stage: z.enum(['report', 'done']).default('report') });
export const projectQuery = z.strictObject({ projectId: id });

export const listFilters = z.strictObject({
  projectId: id,
  status: status.optional(),
  openOnly: z.enum(['true', 'false']).optional(),
  category: z.enum(contract.workOrderCategories).optional(),
  urgency: z.enum(contract.workOrderUrgencies).optional(),
  breachedOnly: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(40).optional(),
  ...sortQuery(['createdAt', 'dueAt', 'number']),
});

export const summarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  number: z.string(),
  category: z.enum(contract.workOrderCategories),
  urgency: z.enum(contract.workOrderUrgencies),
  status,
  source: z.enum(contract.workOrderSources),
  location: z.string(),
  description: z.string(),
  callerName: z.string(),
  callerPhone: z.string(),
  teamName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.string(),
  respondDueAt: z.string(),
  finishDueAt: z.string(),
  dueAt: z.string().nullable(),
  dueClock: z.enum(['respond', 'finish']).nullable(),
  isBreached: z.boolean(),
  satisfaction: z.number().nullable(),
});

export const photoSchema = z.object({
  id: z.string(),
  stage: z.enum(['report', 'done']),
  uploadedAt: z.string(),
  uploadedByName: z.string(),
});

export const detailSchema = summarySchema.extend({
  buildingText: z.string(),
  doorText: z.string(),
  unitText: z.string(),
  hasCall: z.boolean(),
  hasIncident: z.boolean(),
  teamId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  doneNote: z.string(),
  callbackComment: z.string(),
  respondBreachedAt: z.string().nullable(),
  finishBreachedAt: z.string().nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      action,
      byName: z.string(),
      fromStatus: status.nullable(),
      toStatus: status,
      note: z.string(),
    }),
  ),
  photos: z.array(photoSchema),
  can: z.object({
    assign: z.boolean(),
    steps: z.array(z.enum(contract.workOrderSteps)),
    callback: z.boolean(),
    reopen: z.boolean(),
    upload: z.boolean(),
  }),
});

export const boardSchema = z.object({
  columns: z.array(z.object({ status, total: z.number(), items: z.array(summarySchema) })),
});

export const assigneesSchema = z.object({
  engineers: z.array(
    z.object({ staffId: z.string(), displayName: z.string(), teamId: z.string().nullable() }),
  ),
  teams: z.array(z.object({ teamId: z.string(), name: z.string() })),
});

export type ContractChecks = [
  Check<Agrees<contract.WorkOrderSummary, typeof summarySchema>>,
  Check<Agrees<contract.WorkOrderDetail, typeof detailSchema>>,
  Check<Agrees<contract.WorkOrderPhoto, typeof photoSchema>>,
  Check<Agrees<contract.WorkOrderBoard, typeof boardSchema>>,
  Check<Agrees<contract.WorkOrderAssignees, typeof assigneesSchema>>,
];
