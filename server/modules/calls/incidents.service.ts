import type { IncidentInput } from '../../../contracts/calls.js';
import type { Localized } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import { AppError, commonErrors, type FieldErrors, localized } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { writeAudit } from '../audit/index.js';
import { createWorkOrderIn } from '../workorders/index.js';
import { callsErrors } from './calls.errors.js';
import { notifyStaff } from './calls.notify.js';
import * as callQueries from './calls.queries.js';
import {
  displayPhoneNumber,
  type EmergencyField,
  missingEmergencyFields,
  nextIncidentStatus,
  normalisePhoneNumber,
} from './calls.rules.js';
import type { IncidentStatus, IncidentsTable } from './calls.tables.js';
import {
  type DeskContext,
  deskRecordsCondition,
  loadDeskForActor,
  loadDeskInProject,
} from './desk-context.js';
import * as directory from './directory.queries.js';
import * as queries from './incidents.queries.js';

const emergencyFieldNames: Record<EmergencyField, Localized> = {
  callerName: localized('姓名', '姓名', 'name'),
  callerIdentity: localized('身份', '身分', 'identity'),
  address: localized('住址', '住址', 'address'),
  phone: localized('联系电话', '聯絡電話', 'phone'),
  account: localized('简要情况', '簡要情況', 'brief account'),
};

/** 404 unless the call was taken at this desk: a record links only to its own desk's calls. */
export async function assertCallOfDesk(trx: Tx, callId: string | null | undefined, deskId: string) {
  if (!callId) return;
  const call = await callQueries.findCallRow(trx, callId);
  if (!call || call.deskId !== deskId)
    throw new AppError(
      callsErrors.UNKNOWN_REFERENCE,
      { entity: localized('来电', '來電', 'Call') },
      { callId: localized('来电不存在', '來電不存在', 'No such call') },
    );
}

async function assertAddressOfProject(
  trx: Tx,
  context: DeskContext,
  buildingId: string | null,
  doorId: string | null,
) {
  if (buildingId) {
    const building = await directory.findBuildingOfProject(trx, buildingId);
    if (!building || building.projectId !== context.projectId)
      throw new AppError(
        callsErrors.UNKNOWN_REFERENCE,
        { entity: localized('楼栋', '樓棟', 'Building') },
        { buildingId: localized('楼栋不存在', '樓棟不存在', 'No such building') },
      );
  }
  if (doorId) {
    const door = await directory.findDoor(trx, doorId);
    if (!door || door.buildingId !== buildingId)
      throw new AppError(
        callsErrors.UNKNOWN_REFERENCE,
        { entity: localized('楼门', '樓門', 'Door') },
        { doorId: localized('楼门不属于该楼栋', '樓門不屬於該樓棟', 'That door is not in the building') },
      );
  }
}

/** Who hears of an emergency at once: the desk's contacts, else the project's department heads and managers. */
async function emergencyRecipients(trx: Tx, context: DeskContext): Promise<string[]> {
  const contacts = await queries.findEmergencyContacts(trx, context.deskId);
  if (contacts.length) return contacts.map((contact) => contact.staffId);
  const heads = await directory.findStaffWithRoles(
    trx,
    context.companyId,
    ['dept_head', 'manager'],
    context.projectId,
  );
  return [...new Set(heads.map((row) => row.id))];
}

export type { IncidentInput };

/** SEC-5: an emergency is saved only with name, identity, address, phone and a brief account; its contacts hear at once. */
export async function reportIncident(db: Db, options: { actor: Actor; input: IncidentInput; now: Date }) {
  const { actor, input, now } = options;
  if (input.isEmergency) {
    const missing = missingEmergencyFields(input);
    if (missing.length) {
      const fields: FieldErrors = {};
      for (const field of missing)
        fields[field] = localized(
          `紧急事件必须填写${emergencyFieldNames[field]['zh-CN']}`,
          `緊急事件必須填寫${emergencyFieldNames[field]['zh-TW']}`,
          `An emergency needs the ${emergencyFieldNames[field].en}`,
        );
      const names = missing
        .map((field) => emergencyFieldNames[field][actor.locale])
        .join(actor.locale === 'en' ? ', ' : '、');
      throw new AppError(callsErrors.EMERGENCY_INCOMPLETE, { fields: names }, fields);
    }
  } else if (!input.account.trim()) {
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { account: localized('请填写简要情况', '請填寫簡要情況', 'Describe what happened') },
    );
  }
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskForActor(trx, actor, input.deskId);
    await assertCallOfDesk(trx, input.callId, input.deskId);
    await assertAddressOfProject(trx, context, input.buildingId, input.doorId);
    const phone = normalisePhoneNumber(input.phone);
    const row: IncidentsTable = {
      id: newId(),
      companyId: actor.companyId,
      projectId: context.projectId,
      deskId: input.deskId,
      callId: input.callId ?? null,
      isEmergency: input.isEmergency ? 1 : 0,
      callerName: input.callerName.trim(),
      callerIdentity: input.callerIdentity,
      buildingId: input.buildingId,
      doorId: input.doorId,
      unitLabel: input.unitLabel.trim(),
      phone: phone.number,
      account: input.account.trim(),
      status: 'reported',
      reportedAt: now.toISOString(),
      reportedBy: actor.staffId,
      dispatchedAt: null,
      dispatchedBy: null,
      dispatchNote: '',
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: '',
      updatedAt: now.toISOString(),
    };
    await queries.insertIncident(trx, row);
    await callQueries.touchCall(trx, row.callId, now);
    const payload = { incidentId: row.id, isEmergency: input.isEmergency, status: row.status };
    await publishLive(trx, { topic: `desk:${context.deskId}`, type: 'incident.reported', payload }, now);
    if (input.isEmergency) {
      const door = input.doorId ? await directory.findDoor(trx, input.doorId) : undefined;
      const building = input.buildingId
        ? await directory.findBuildingOfProject(trx, input.buildingId)
        : undefined;
      await notifyStaff(trx, {
        staffIds: await emergencyRecipients(trx, context),
        event: 'calls.emergency',
        params: {
          deskName: context.deskName,
          callerName: row.callerName,
          address: [building?.name, door?.name, row.unitLabel].filter(Boolean).join(''),
          phone: displayPhoneNumber(row.phone),
          account: row.account,
        },
        projectId: context.projectId,
        link: '/calls/incidents',
        dedupeKey: `calls.emergency:${row.id}`,
        now,
      });
      // SEC-5: the emergency is also an urgent work order, linked to the report and its call.
      await createWorkOrderIn(trx, {
        actor,
        projectId: context.projectId,
        source: 'emergency',
        callId: row.callId,
        incidentId: row.id,
        input: {
          category: 'repair',
          urgency: 'urgent',
          buildingText: building?.name ?? '',
          doorText: door?.name ?? '',
          unitText: row.unitLabel,
          description: row.account,
          callerName: row.callerName,
          callerPhone: row.phone,
        },
        now,
      });
    }
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'incident',
      entityId: row.id,
      action: 'report',
      after: row,
    });
    return row;
  });
}

const incidentStatusNames: Record<IncidentStatus, Localized> = {
  reported: localized('已报告', '已報告', 'reported'),
  dispatched: localized('已派遣', '已派遣', 'dispatched'),
  resolved: localized('已解决', '已解決', 'resolved'),
};

async function getIncidentForActor(trx: Tx, actor: Actor, incidentId: string) {
  const row = await queries.findIncidentRow(trx, incidentId);
  const entity = localized('事件', '事件', 'Incident');
  if (!row || row.companyId !== actor.companyId) throw new AppError(commonErrors.NOT_FOUND, { entity });
  await loadDeskForActor(trx, actor, row.deskId, entity);
  return row;
}

/** reported → dispatched → resolved, each with who and when. */
export async function advanceIncident(
  db: Db,
  options: { actor: Actor; incidentId: string; action: 'dispatch' | 'resolve'; note: string; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const before = await getIncidentForActor(trx, actor, options.incidentId);
    const next = nextIncidentStatus(before.status, options.action);
    if (!next)
      throw new AppError(callsErrors.STEP_NOT_ALLOWED, {
        status: incidentStatusNames[before.status][actor.locale],
      });
    const at = now.toISOString();
    const changes: Partial<IncidentsTable> =
      next === 'dispatched'
        ? { status: 'dispatched', dispatchedAt: at, dispatchedBy: actor.staffId, dispatchNote: options.note }
        : { status: 'resolved', resolvedAt: at, resolvedBy: actor.staffId, resolutionNote: options.note };
    if (
      !(await queries.updateIncidentIfStatus(trx, before.id, [before.status], { ...changes, updatedAt: at }))
    )
      throw new AppError(commonErrors.CONCURRENT_CHANGE);
    await publishLive(
      trx,
      {
        topic: `desk:${before.deskId}`,
        type: 'incident.updated',
        payload: { incidentId: before.id, status: next },
      },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: before.projectId,
      entityType: 'incident',
      entityId: before.id,
      action: options.action,
      before: { status: before.status },
      after: changes,
    });
    return { ...before, ...changes };
  });
}

export function incidentTimeline(row: IncidentsTable, names: Map<string, string>) {
  const step = (status: IncidentStatus, at: string | null, by: string | null, note: string) =>
    at ? [{ status, at, byStaffId: by, byName: by ? (names.get(by) ?? '') : '', note }] : [];
  return [
    ...step('reported', row.reportedAt, row.reportedBy, ''),
    ...step('dispatched', row.dispatchedAt, row.dispatchedBy, row.dispatchNote),
    ...step('resolved', row.resolvedAt, row.resolvedBy, row.resolutionNote),
  ];
}

export async function findIncidents(
  db: Db,
  options: {
    actor: Actor;
    /** Desks asked for (each already checked visible); every desk the actor staffs when absent. */
    deskIds?: string[];
    status?: IncidentStatus;
    isEmergency?: boolean;
    callId?: string;
    offset: number;
    limit: number;
  },
) {
  const { rows, total } = await queries.findIncidentPage(
    db,
    {
      visible: deskRecordsCondition(options.actor, 'incidents'),
      deskIds: options.deskIds,
      status: options.status,
      isEmergency: options.isEmergency,
      callId: options.callId,
    },
    options,
  );
  const names = await directory.findStaffNames(
    db,
    rows.flatMap((row) => [row.reportedBy, row.dispatchedBy ?? '', row.resolvedBy ?? '']),
  );
  const places = await directory.findPlaceNames(
    db,
    rows.flatMap((row) => [row.buildingId ?? '', row.doorId ?? '']),
  );
  return {
    rows: rows.map((row) => ({
      ...row,
      ...placeNamesOf(row, places),
      timeline: incidentTimeline(row, names),
    })),
    total,
  };
}

function placeNamesOf(row: Pick<IncidentsTable, 'buildingId' | 'doorId'>, places: Map<string, string>) {
  return {
    buildingName: row.buildingId ? (places.get(row.buildingId) ?? '') : '',
    doorName: row.doorId ? (places.get(row.doorId) ?? '') : '',
  };
}

/** The building and door names of one incident (the address in parts, SEC-5). */
export async function findIncidentPlaceNames(db: Tx, row: Pick<IncidentsTable, 'buildingId' | 'doorId'>) {
  return placeNamesOf(row, await directory.findPlaceNames(db, [row.buildingId ?? '', row.doorId ?? '']));
}

// --- emergency contacts --------------------------------------------------------------------

/** A desk's emergency contacts: desk configuration, read by the desk's staff and the administrator. */
export async function findDeskEmergencyContacts(db: Tx, actor: Actor, deskId: string) {
  await loadDeskInProject(db, actor, deskId);
  const rows = await queries.findEmergencyContacts(db, deskId);
  const entries = await directory.findDirectoryRows(
    db,
    { companyId: actor.companyId, ids: rows.map((row) => row.staffId) },
    50,
  );
  return rows
    .map((row) => entries.find((entry) => entry.id === row.staffId))
    .filter((entry) => entry !== undefined);
}

export async function setDeskEmergencyContacts(
  db: Db,
  options: { actor: Actor; deskId: string; staffIds: string[]; now: Date },
) {
  const { actor, now } = options;
  return db.transaction().execute(async (trx) => {
    const context = await loadDeskInProject(trx, actor, options.deskId);
    const ids = [...new Set(options.staffIds)];
    const found = await directory.findDirectoryRows(trx, { companyId: actor.companyId, ids }, 50);
    if (found.length !== ids.length)
      throw new AppError(
        callsErrors.UNKNOWN_REFERENCE,
        { entity: localized('员工', '員工', 'Staff member') },
        { staffIds: localized('员工不存在', '員工不存在', 'No such person') },
      );
    const before = await queries.findEmergencyContacts(trx, options.deskId);
    await queries.replaceEmergencyContacts(
      trx,
      options.deskId,
      ids.map((staffId, index) => ({ id: newId(), deskId: options.deskId, staffId, sortOrder: index })),
    );
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: context.projectId,
      entityType: 'desk_emergency_contacts',
      entityId: options.deskId,
      action: 'replace',
      before: before.map((row) => row.staffId),
      after: ids,
    });
    return ids;
  });
}
