import type { Locale } from '../../../contracts/locales.js';
import { type Actor, hasAnyRole } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { maskPhone } from '../../platform/privacy/mask.js';
import { findCustomersByPhone, phoneMaskStyle } from '../customers/index.js';
import { findCallerResidents } from '../residents/index.js';
import { findOpenWorkOrdersForCaller, workOrderDeskRoles } from '../workorders/index.js';
import * as queries from './calls.queries.js';
import { displayPhoneNumber } from './calls.rules.js';
import { getCallForActor } from './calls.service.js';
import type { CallsTable } from './calls.tables.js';
import { deskRecordsCondition } from './desk-context.js';
import * as directory from './directory.queries.js';
import { toDirectoryEntry } from './directory.service.js';
import * as incidentQueries from './incidents.queries.js';
import * as messageQueries from './messages.queries.js';
import { getPersonLookup } from './person-lookup.service.js';
import { findRecordingInfo } from './recordings.service.js';
import { findDeskScripts } from './scripts.service.js';

const recentLimit = 5;

/**
 * Screen pop: the customers (sales register) of any of the company's projects who gave this
 * number: a buyer calling the service centre is recognised wherever they registered. The desk
 * sees what it needs to greet and route the call — name, project, the number masked by the
 * project's privacy setting (PRIV) and the owning consultant — never the record itself.
 */
async function findCallerCustomers(db: Db, actor: Actor, callerNumber: string) {
  const projects = await directory.findCompanyProjects(db, actor.companyId);
  const found = await findCustomersByPhone(db, {
    companyId: actor.companyId,
    projectIds: projects.map((project) => project.id),
    phone: callerNumber,
    limit: 3,
  });
  const projectNames = new Map(projects.map((project) => [project.id, project.name]));
  return Promise.all(
    found.map(async (row) => ({
      ...row,
      projectName: projectNames.get(row.projectId) ?? '',
      phoneMasked: maskPhone(
        row.phoneE164.replace(/^\+86/, ''),
        await phoneMaskStyle(db, actor, row.projectId),
      ),
    })),
  );
}

/** Everything the agent's screen shows for one call: the call, its greeting, who is calling, and what came of it. */
export async function getCallDetail(
  db: Db,
  options: { actor: Actor; callId: string; locale: Locale; now: Date },
) {
  const { actor } = options;
  const { call, context } = await getCallForActor(db, actor, options.callId);
  const scripts = await findDeskScripts(db, context, options.locale);
  const events = await queries.findEventsOfCall(db, call.id);
  const numbers = call.callerNumber ? [call.callerNumber] : [];

  const [
    callerStaff,
    callerCustomers,
    recentCalls,
    recentMessages,
    recentIncidents,
    messages,
    leaderCalls,
    incidents,
    personLookup,
    callerResidents,
  ] = await Promise.all([
    call.callerStaffId
      ? directory.findDirectoryEntry(db, actor.companyId, call.callerStaffId)
      : Promise.resolve(undefined),
    call.isCallerNumberValid ? findCallerCustomers(db, actor, call.callerNumber) : Promise.resolve([]),
    call.callerNumber
      ? queries.findCallsByNumber(
          db,
          deskRecordsCondition(actor, 'calls'),
          call.callerNumber,
          call.id,
          recentLimit,
        )
      : Promise.resolve([] as CallsTable[]),
    messageQueries.findMessagesByCallback(
      db,
      deskRecordsCondition(actor, 'callMessages'),
      numbers,
      recentLimit,
    ),
    incidentQueries.findIncidentsByPhone(db, deskRecordsCondition(actor, 'incidents'), numbers, recentLimit),
    messageQueries.findMessagePage(
      db,
      { companyId: actor.companyId, visible: deskRecordsCondition(actor, 'callMessages'), callId: call.id },
      { offset: 0, limit: 20, order: 'asc' },
    ),
    incidentQueries.findLeaderCallPage(
      db,
      { visible: deskRecordsCondition(actor, 'leaderCalls'), deskIds: [call.deskId], callId: call.id },
      { offset: 0, limit: 20 },
    ),
    incidentQueries.findIncidentPage(
      db,
      { visible: deskRecordsCondition(actor, 'incidents'), deskIds: [call.deskId], callId: call.id },
      { offset: 0, limit: 20 },
    ),
    getPersonLookup(db, call),
    // Issue 18: who lives where — the property desk's register recognises residents by number.
    call.isCallerNumberValid
      ? findCallerResidents(db, {
          companyId: actor.companyId,
          callerNumber: call.callerNumber,
          now: options.now,
        })
      : Promise.resolve([]),
  ]);
  const recording = await findRecordingInfo(db, actor, call);
  // The pop's open work orders: only for those who see the project's work orders (the desk roles).
  const callerWorkOrders =
    call.isCallerNumberValid && hasAnyRole(actor, workOrderDeskRoles, context.projectId)
      ? await findOpenWorkOrdersForCaller(db, {
          projectId: context.projectId,
          phones: [call.callerNumber],
          residentId: callerResidents[0]?.id ?? null,
          exceptCallId: call.id,
          now: options.now,
        })
      : [];
  const names = await directory.findStaffNames(db, [
    call.answeredByStaffId ?? '',
    call.transferredToStaffId ?? '',
    ...events.map((event) => event.actorStaffId ?? ''),
    ...events.map((event) => event.targetStaffId ?? ''),
    ...recentCalls.map((row) => row.answeredByStaffId ?? ''),
    ...messages.rows.map((row) => row.recipientStaffId),
    ...recentMessages.map((row) => row.recipientStaffId),
    ...callerCustomers.map((row) => row.ownerStaffId ?? ''),
  ]);

  return {
    call,
    personLookup,
    callerNumberDisplay: displayPhoneNumber(call.callerNumber),
    answeredByName: call.answeredByStaffId
      ? (names.get(call.answeredByStaffId) ?? call.answeredByRef)
      : call.answeredByRef || null,
    transferredToName: call.transferredToStaffId ? (names.get(call.transferredToStaffId) ?? '') : null,
    desk: {
      id: context.deskId,
      name: context.deskName,
      kind: context.deskKind,
      projectName: context.projectName,
      policy: context.policy,
    },
    greeting: scripts.find((script) => script.situation === 'greeting')?.phrases[0] ?? '',
    scripts,
    events: events.map((event) => ({
      id: event.id,
      type: event.type,
      source: event.source,
      occurredAt: event.occurredAt,
      receivedAt: event.receivedAt,
      releasedBy: event.releasedBy,
      byName: event.actorStaffId ? (names.get(event.actorStaffId) ?? '') : event.agentRef,
      targetName: event.targetStaffId ? (names.get(event.targetStaffId) ?? '') : null,
    })),
    caller: {
      staff: callerStaff ? toDirectoryEntry(callerStaff) : null,
      customers: callerCustomers.map((row) => ({
        id: row.customerId,
        name: row.name,
        projectName: row.projectName,
        category: row.category,
        phoneMasked: row.phoneMasked,
        ownerName: row.ownerStaffId ? (names.get(row.ownerStaffId) ?? null) : null,
      })),
      residents: callerResidents,
      workOrders: callerWorkOrders,
      recentCalls: recentCalls.map((row) => ({
        id: row.id,
        ringingAt: row.ringingAt,
        status: row.status,
        purposeId: row.purposeId,
        notes: row.notes,
        answeredByName: row.answeredByStaffId ? (names.get(row.answeredByStaffId) ?? '') : null,
      })),
      recentMessages: recentMessages.map((row) => ({
        id: row.id,
        createdAt: row.createdAt,
        recipientName: names.get(row.recipientStaffId) ?? '',
        content: row.content,
        status: row.status,
      })),
      recentIncidents: recentIncidents.map((row) => ({
        id: row.id,
        reportedAt: row.reportedAt,
        account: row.account,
        status: row.status,
        isEmergency: row.isEmergency === 1,
      })),
    },
    links: {
      messages: messages.rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        recipientName: names.get(row.recipientStaffId) ?? '',
        status: row.status,
        content: row.content,
      })),
      leaderCalls: leaderCalls.rows.map((row) => ({
        id: row.id,
        claimedName: row.claimedName,
        claimedTitle: row.claimedTitle,
        status: row.status,
      })),
      incidents: incidents.rows.map((row) => ({
        id: row.id,
        isEmergency: row.isEmergency === 1,
        account: row.account,
        status: row.status,
      })),
    },
    recording,
  };
}
