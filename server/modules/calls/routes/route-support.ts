import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { displayPhoneNumber } from '../calls.rules.js';
import { type CallsTable, type ConductStep, conductSteps } from '../calls.tables.js';
import { deskRoles, loadDeskForActor } from '../desk-context.js';
import * as directoryQueries from '../directory.queries.js';

// What every calls route file shares: who may come in, and how a call is shaped for the answer.

export const deskAccess = rolesAllowed(...deskRoles);
/** Desk configuration read by the desks' staff and set up by the administrator. */
export const deskSetupReaders = rolesAllowed('admin', ...deskRoles);
export const adminOnly = rolesAllowed('admin');
export const tags = ['calls'];

/** `{ items, total, page, pageSize }`: the answer of every paged calls list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** The SEC-8 steps stored on a call, in the rule's order; anything unknown is dropped. */
function parseConductSteps(stored: string): ConductStep[] {
  const parsed = JSON.parse(stored || '[]') as unknown;
  return conductSteps.filter((step) => Array.isArray(parsed) && parsed.includes(step));
}

export function toCallResponse(call: CallsTable, names: Map<string, string>) {
  return {
    id: call.id,
    deskId: call.deskId,
    projectId: call.projectId,
    source: call.source,
    externalCallId: call.externalCallId,
    status: call.status,
    callerNumber: call.callerNumber,
    callerNumberDisplay: displayPhoneNumber(call.callerNumber),
    isCallerNumberValid: call.isCallerNumberValid === 1,
    callerName: call.callerName,
    callerStaffId: call.callerStaffId,
    ringingAt: call.ringingAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    heldSince: call.heldSince,
    answeredByStaffId: call.answeredByStaffId,
    answeredByName: call.answeredByStaffId
      ? (names.get(call.answeredByStaffId) ?? call.answeredByRef)
      : call.answeredByRef || null,
    releasedBy: call.releasedBy,
    transferredToStaffId: call.transferredToStaffId,
    transferredToName: call.transferredToStaffId ? (names.get(call.transferredToStaffId) ?? '') : null,
    transferKind: call.transferKind,
    ringMs: call.ringMs,
    rings: call.rings,
    maxRings: call.maxRings,
    isAnsweredWithinLimit: call.isAnsweredWithinLimit === 1,
    holdMs: call.holdMs,
    holdCount: call.holdCount,
    talkMs: call.talkMs,
    purposeId: call.purposeId,
    notes: call.notes,
    conductSteps: parseConductSteps(call.conductSteps),
  };
}

export async function callResponses(db: Db, rows: CallsTable[]) {
  const names = await directoryQueries.findStaffNames(
    db,
    rows.flatMap((row) => [row.answeredByStaffId ?? '', row.transferredToStaffId ?? '']),
  );
  return rows.map((row) => toCallResponse(row, names));
}

/** The desks a listing is narrowed to: each one named is checked (404 unless the actor staffs it). */
export async function desksAsked(db: Db, actor: Actor, deskId: string | string[] | undefined) {
  if (!deskId) return undefined;
  const ids = [deskId].flat();
  for (const id of ids) await loadDeskForActor(db, actor, id);
  return ids;
}
