import { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { sendWorkbook, shanghaiTime } from '../../platform/excel/export.js';
import { anyStaff, rolesAllowed } from '../../platform/http/access.js';
import { toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { getCallDetail } from './call-detail.service.js';
import { registerCallEscalation } from './calls.notify.js';
import * as queries from './calls.queries.js';
import { displayPhoneNumber, shanghaiDayRange } from './calls.rules.js';
import * as schemas from './calls.schemas.js';
import * as calls from './calls.service.js';
import {
  type CallMessagesTable,
  type CallsTable,
  type ConductStep,
  conductSteps,
  type LeaderCallStatus,
} from './calls.tables.js';

/** The SEC-8 steps stored on a call, in the rule's order; anything unknown is dropped. */
function parseConductSteps(stored: string): ConductStep[] {
  const parsed = JSON.parse(stored || '[]') as unknown;
  return conductSteps.filter((step) => Array.isArray(parsed) && parsed.includes(step));
}

import { rotateCtiSecret, setCtiEnabled } from './cti.service.js';
import { deskRecordsCondition, deskRoles, loadDeskForActor } from './desk-context.js';
import { findCallDesks } from './desks.service.js';
import * as directoryQueries from './directory.queries.js';
import { searchDirectory, setStaffWorkplace } from './directory.service.js';
import * as incidents from './incidents.service.js';
import * as messages from './messages.service.js';
import * as scripts from './scripts.service.js';
import { computeCallStats } from './stats.service.js';

const deskAccess = rolesAllowed(...deskRoles);
/** Desk configuration read by the desks' staff and set up by the administrator. */
const deskSetupReaders = rolesAllowed('admin', ...deskRoles);
const adminOnly = rolesAllowed('admin');
const exportLimit = 50_000;
const tags = ['calls'];

/** The escalation check reads the app's clock, so tests that move time see messages escalate. */
function enableCallEscalation(now: () => Date): void {
  registerCallEscalation((db, messageId) =>
    db.transaction().execute((trx) => messages.escalateMessage(trx, { messageId, now: now() })),
  );
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

async function callResponses(db: Db, rows: CallsTable[]) {
  const names = await directoryQueries.findStaffNames(
    db,
    rows.flatMap((row) => [row.answeredByStaffId ?? '', row.transferredToStaffId ?? '']),
  );
  return rows.map((row) => toCallResponse(row, names));
}

function toMessageResponse(
  row: CallMessagesTable & { recipientName: string; createdByName?: string; escalatedToName?: string | null },
) {
  return {
    id: row.id,
    deskId: row.deskId,
    callId: row.callId,
    recipientStaffId: row.recipientStaffId,
    recipientName: row.recipientName,
    kind: row.kind,
    callerName: row.callerName,
    callbackNumber: row.callbackNumber,
    callbackNumberDisplay: displayPhoneNumber(row.callbackNumber),
    isCallbackNumberValid: row.isCallbackNumberValid === 1,
    content: row.content,
    urgency: row.urgency,
    status: row.status,
    createdAt: row.createdAt,
    createdByName: row.createdByName ?? '',
    readAt: row.readAt,
    handledAt: row.handledAt,
    handledNote: row.handledNote,
    escalatedAt: row.escalatedAt,
    escalatedToName: row.escalatedToName ?? null,
  };
}

/** The desks a listing is narrowed to: each one named is checked (404 unless the actor staffs it). */
async function desksAsked(db: Db, actor: Actor, deskId: string | string[] | undefined) {
  if (!deskId) return undefined;
  const ids = [deskId].flat();
  for (const id of ids) await loadDeskForActor(db, actor, id);
  return ids;
}

const callListHeaders: Record<Locale, string[]> = {
  'zh-CN': [
    '来电时间',
    '接听席',
    '来电号码',
    '号码有效',
    '来电人',
    '状态',
    '接听人',
    '响铃声数',
    '响铃秒数',
    '限内接听',
    '保持秒数',
    '通话秒数',
    '先挂断方',
    '目的',
    '要点记录',
  ],
  'zh-TW': [
    '來電時間',
    '接聽席',
    '來電號碼',
    '號碼有效',
    '來電人',
    '狀態',
    '接聽人',
    '響鈴聲數',
    '響鈴秒數',
    '限內接聽',
    '保留秒數',
    '通話秒數',
    '先掛斷方',
    '目的',
    '要點記錄',
  ],
  en: [
    'Rang at',
    'Desk',
    'Caller number',
    'Valid number',
    'Caller',
    'Status',
    'Answered by',
    'Rings',
    'Ring seconds',
    'Within limit',
    'Hold seconds',
    'Talk seconds',
    'Hung up first',
    'Purpose',
    'Notes',
  ],
};
const statusLabels: Record<Locale, Record<CallsTable['status'], string>> = {
  'zh-CN': { ringing: '振铃中', answered: '通话中', on_hold: '保持中', ended: '已接听', missed: '未接' },
  'zh-TW': { ringing: '振鈴中', answered: '通話中', on_hold: '保留中', ended: '已接聽', missed: '未接' },
  en: {
    ringing: 'Ringing',
    answered: 'In progress',
    on_hold: 'On hold',
    ended: 'Answered',
    missed: 'Missed',
  },
};
const releasedLabels: Record<Locale, Record<string, string>> = {
  'zh-CN': { caller: '来电方', agent: '接听方', system: '系统' },
  'zh-TW': { caller: '來電方', agent: '接聽方', system: '系統' },
  en: { caller: 'Caller', agent: 'Agent', system: 'System' },
};
const yesNo: Record<Locale, [string, string]> = {
  'zh-CN': ['是', '否'],
  'zh-TW': ['是', '否'],
  en: ['Yes', 'No'],
};

export async function callsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  enableCallEscalation(now);
  // --- desks and the live queue ---

  app.get(
    '/api/calls/desks',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, response: { 200: z.object({ items: z.array(schemas.callDeskSchema) }) } },
    },
    async (request) => ({ items: await findCallDesks(db, requireActor(request)) }),
  );

  app.get(
    '/api/calls/setup/desks',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags,
        summary: 'The call desks of the administrator’s projects, to set up scripts, contacts and CTI',
        response: { 200: z.object({ items: z.array(schemas.callDeskSchema) }) },
      },
    },
    async (request) => ({ items: await findCallDesks(db, requireActor(request), 'setup') }),
  );

  app.get(
    '/api/calls/desks/:deskId/queue',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Calls ringing, in progress or on hold at a desk (SEC-7)',
        params: schemas.deskIdParams,
        response: {
          200: z.object({
            desk: z.object({
              id: z.string(),
              name: z.string(),
              kind: z.string(),
              projectName: z.string(),
              policy: schemas.ringPolicySchema,
            }),
            items: z.array(schemas.callSchema),
          }),
        },
      },
    },
    async (request) => {
      const { context, calls: rows } = await calls.findDeskQueue(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        now: now(),
      });
      return {
        desk: {
          id: context.deskId,
          name: context.deskName,
          kind: context.deskKind,
          projectName: context.projectName,
          policy: context.policy,
        },
        items: await callResponses(db, rows),
      };
    },
  );

  app.post(
    '/api/calls/desks/:deskId/calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Log a call by hand (desks without CTI)',
        params: schemas.deskIdParams,
        body: schemas.manualCallBody,
        response: { 201: schemas.callSchema },
      },
    },
    async (request, reply) => {
      const call = await calls.startManualCall(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        callerNumber: request.body.callerNumber,
        now: now(),
      });
      return reply.status(201).send((await callResponses(db, [call]))[0]);
    },
  );

  // --- calls ---

  app.get(
    '/api/calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        querystring: schemas.callListQuery,
        response: {
          200: z.object({
            items: z.array(schemas.callSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, sort, order, deskId, fromDay, toDay, withinLimit, ...filter } = request.query;
      const range =
        fromDay || toDay ? shanghaiDayRange(fromDay ?? '2000-01-01', toDay ?? '2999-12-31') : undefined;
      const { rows, total } = await queries.findCallPage(
        db,
        {
          visible: deskRecordsCondition(actor, 'calls'),
          deskIds: await desksAsked(db, actor, deskId),
          fromIso: range?.fromIso,
          toIso: range?.toIso,
          isWithinLimit: withinLimit === undefined ? undefined : withinLimit === 'true',
          ...filter,
        },
        { ...toOffset({ page, pageSize }), sort: sort ?? 'ringingAt', order: sort ? order : 'desc' },
      );
      return { items: await callResponses(db, rows), total, page, pageSize };
    },
  );

  app.get(
    '/api/calls/export',
    { config: { access: deskAccess, scope: 'desk' }, schema: { tags, querystring: schemas.callListQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const {
        page: _page,
        pageSize: _pageSize,
        sort,
        order,
        deskId,
        fromDay,
        toDay,
        withinLimit,
        ...filter
      } = request.query;
      const range =
        fromDay || toDay ? shanghaiDayRange(fromDay ?? '2000-01-01', toDay ?? '2999-12-31') : undefined;
      const desks = await findCallDesks(db, actor);
      const deskNames = new Map(desks.map((desk) => [desk.id, desk.name]));
      const { rows } = await queries.findCallPage(
        db,
        {
          visible: deskRecordsCondition(actor, 'calls'),
          deskIds: await desksAsked(db, actor, deskId),
          fromIso: range?.fromIso,
          toIso: range?.toIso,
          isWithinLimit: withinLimit === undefined ? undefined : withinLimit === 'true',
          ...filter,
        },
        { offset: 0, limit: exportLimit, sort: sort ?? 'ringingAt', order: sort ? order : 'desc' },
      );
      const list = await callResponses(db, rows);
      const purposes = new Map(
        (await scripts.findPurposes(db, actor, now())).map((purpose) => [purpose.id, purpose.label]),
      );
      const locale = request.locale;
      const headers = callListHeaders[locale];
      type Row = (typeof list)[number];
      const seconds = (value: number | null) => (value === null ? '' : Math.round(value / 100) / 10);
      return sendWorkbook<Row>(reply, {
        filename: { 'zh-CN': '来电记录.xlsx', 'zh-TW': '來電記錄.xlsx', en: 'calls.xlsx' }[locale],
        sheetName: { 'zh-CN': '来电记录', 'zh-TW': '來電記錄', en: 'Calls' }[locale],
        rows: list,
        columns: [
          { header: headers[0], width: 20, value: (row) => shanghaiTime(row.ringingAt) },
          { header: headers[1], value: (row) => deskNames.get(row.deskId) ?? '' },
          { header: headers[2], value: (row) => row.callerNumberDisplay },
          { header: headers[3], value: (row) => yesNo[locale][row.isCallerNumberValid ? 0 : 1] },
          { header: headers[4], value: (row) => row.callerName },
          { header: headers[5], value: (row) => statusLabels[locale][row.status] },
          { header: headers[6], value: (row) => row.answeredByName ?? '' },
          { header: headers[7], value: (row) => row.rings ?? '' },
          { header: headers[8], value: (row) => seconds(row.ringMs) },
          { header: headers[9], value: (row) => yesNo[locale][row.isAnsweredWithinLimit ? 0 : 1] },
          { header: headers[10], value: (row) => seconds(row.holdMs) },
          { header: headers[11], value: (row) => seconds(row.talkMs) },
          {
            header: headers[12],
            value: (row) => (row.releasedBy ? releasedLabels[locale][row.releasedBy] : ''),
          },
          { header: headers[13], value: (row) => (row.purposeId ? (purposes.get(row.purposeId) ?? '') : '') },
          { header: headers[14], width: 40, value: (row) => row.notes },
        ],
      });
    },
  );

  app.get(
    '/api/calls/:callId',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'A call with its greeting, screen pop and what came of it',
        params: schemas.callIdParams,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const detail = await getCallDetail(db, {
        actor,
        callId: request.params.callId,
        locale: request.locale,
      });
      return { ...detail, call: (await callResponses(db, [detail.call]))[0] };
    },
  );

  app.post(
    '/api/calls/:callId/actions',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Answer, hold, resume, transfer or end a call',
        params: schemas.callIdParams,
        body: schemas.callActionBody,
        response: { 200: schemas.callSchema },
      },
    },
    async (request) => {
      const call = await calls.actOnCall(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        input: request.body,
        now: now(),
      });
      return (await callResponses(db, [call]))[0];
    },
  );

  app.put(
    '/api/calls/:callId',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Purpose, caller name and notes (SEC-3)',
        params: schemas.callIdParams,
        body: schemas.callDetailsBody,
        response: { 200: schemas.callSchema },
      },
    },
    async (request) => {
      const call = await calls.updateCallDetails(db, {
        actor: requireActor(request),
        callId: request.params.callId,
        input: request.body,
        now: now(),
      });
      return (await callResponses(db, [call]))[0];
    },
  );

  // --- scripts (CS-0) and purposes ---

  app.get(
    '/api/calls/desks/:deskId/scripts',
    {
      config: { access: deskSetupReaders, scope: 'project' },
      schema: {
        tags,
        params: schemas.deskIdParams,
        querystring: schemas.scriptsQuery,
        response: { 200: z.object({ items: z.array(schemas.scriptSchema) }) },
      },
    },
    async (request) => {
      const result = await scripts.getDeskScripts(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        locale: request.query.locale ?? request.locale,
      });
      return { items: result.scripts };
    },
  );

  app.get(
    '/api/calls/desks/:deskId/scripts/:situation/versions',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: { tags, params: schemas.scriptParams, querystring: schemas.scriptsQuery },
    },
    async (request) => ({
      items: await scripts.findScriptVersions(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        situation: request.params.situation,
        locale: request.query.locale ?? request.locale,
      }),
    }),
  );

  app.put(
    '/api/calls/desks/:deskId/scripts/:situation',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags,
        summary: 'Save a new version of a phrase set',
        params: schemas.scriptParams,
        body: schemas.scriptSaveBody,
      },
    },
    async (request) => {
      const saved = await scripts.saveDeskScript(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        situation: request.params.situation,
        locale: request.body.locale,
        templates: request.body.templates,
        now: now(),
      });
      return { version: saved.version, phrases: saved.phrases };
    },
  );

  const toPurpose = (row: Awaited<ReturnType<typeof scripts.findPurposes>>[number]) => ({
    id: row.id,
    key: row.key,
    label: row.label,
    sortOrder: row.sortOrder,
    isActive: row.isActive === 1,
  });

  app.get(
    '/api/calls/purposes',
    {
      config: { access: anyStaff, scope: 'company' },
      schema: { tags, response: { 200: z.object({ items: z.array(schemas.purposeSchema) }) } },
    },
    async (request) => ({
      items: (await scripts.findPurposesForActor(db, requireActor(request), now())).map(toPurpose),
    }),
  );

  app.post(
    '/api/calls/purposes',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, body: schemas.purposeCreateBody, response: { 201: schemas.purposeSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toPurpose(
            await scripts.createPurpose(db, { actor: requireActor(request), ...request.body, now: now() }),
          ),
        ),
  );

  app.put(
    '/api/calls/purposes/:purposeId',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ purposeId: z.string().min(1).max(64) }),
        body: schemas.purposeUpdateBody,
        response: { 200: schemas.purposeSchema },
      },
    },
    async (request) =>
      toPurpose(
        await scripts.updatePurpose(db, {
          actor: requireActor(request),
          purposeId: request.params.purposeId,
          ...request.body,
          now: now(),
        }),
      ),
  );

  // --- directory (CS-2, CS-4) ---

  app.get(
    '/api/calls/directory',
    {
      config: { access: deskSetupReaders, scope: 'company' },
      schema: {
        tags,
        querystring: schemas.directoryQuery,
        response: { 200: z.object({ items: z.array(schemas.directoryEntrySchema) }) },
      },
    },
    async (request) => {
      const { q, ...filter } = request.query;
      return { items: await searchDirectory(db, { actor: requireActor(request), search: q, ...filter }) };
    },
  );

  app.put(
    '/api/calls/directory/:staffId/workplace',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ staffId: z.string().min(1).max(64) }),
        body: schemas.workplaceBody,
        response: { 200: schemas.directoryEntrySchema },
      },
    },
    async (request) =>
      setStaffWorkplace(db, {
        actor: requireActor(request),
        staffId: request.params.staffId,
        ...request.body,
        now: now(),
      }),
  );

  // --- messages and pass-ons (CS-3) ---

  app.post(
    '/api/calls/messages',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, body: schemas.messageBody, response: { 201: schemas.messageSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await messages.leaveMessage(db, { actor, input: request.body, now: now() });
      return reply.status(201).send(toMessageResponse({ ...row, createdByName: actor.displayName }));
    },
  );

  app.get(
    '/api/calls/messages',
    {
      config: { access: anyStaff, scope: 'self' },
      schema: {
        tags,
        summary: 'My messages and pass-ons: left for me, or escalated to me as department head',
        querystring: schemas.messageListQuery,
        response: {
          200: z.object({
            items: z.array(schemas.messageSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            unhandled: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize, order, sort, status } = request.query;
      const result = await messages.findMyMessages(db, {
        actor: requireActor(request),
        status,
        ...toOffset({ page, pageSize }),
        order: sort ? order : 'desc',
      });
      return {
        items: result.rows.map(toMessageResponse),
        total: result.total,
        page,
        pageSize,
        unhandled: result.unhandled,
      };
    },
  );

  app.get(
    '/api/calls/desks/:deskId/messages',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'The messages and pass-ons left at a desk',
        params: schemas.deskIdParams,
        querystring: schemas.deskMessageListQuery,
        response: {
          200: z.object({
            items: z.array(schemas.messageSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize, order, sort, status } = request.query;
      const result = await messages.findDeskMessages(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        status,
        ...toOffset({ page, pageSize }),
        order: sort ? order : 'desc',
      });
      return { items: result.rows.map(toMessageResponse), total: result.total, page, pageSize };
    },
  );

  for (const action of ['read', 'handle'] as const) {
    app.post(
      `/api/calls/messages/:messageId/${action}`,
      {
        config: { access: anyStaff, scope: 'self' },
        schema: { tags, params: schemas.messageIdParams, body: schemas.handleBody.nullish() },
      },
      async (request) => {
        const row = await messages.advanceMessage(db, {
          actor: requireActor(request),
          messageId: request.params.messageId,
          action,
          note: request.body?.note,
          now: now(),
        });
        return { id: row.id, status: row.status, readAt: row.readAt, handledAt: row.handledAt };
      },
    );
  }

  // --- emergencies and incidents (SEC-5) ---

  const toIncident = (row: Awaited<ReturnType<typeof incidents.findIncidents>>['rows'][number]) => ({
    id: row.id,
    deskId: row.deskId,
    callId: row.callId,
    isEmergency: row.isEmergency === 1,
    callerName: row.callerName,
    callerIdentity: row.callerIdentity,
    buildingId: row.buildingId,
    doorId: row.doorId,
    buildingName: row.buildingName,
    doorName: row.doorName,
    unitLabel: row.unitLabel,
    phone: displayPhoneNumber(row.phone),
    account: row.account,
    status: row.status,
    reportedAt: row.reportedAt,
    timeline: row.timeline,
  });

  app.post(
    '/api/calls/incidents',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Report an incident; an emergency needs all five SEC-5 facts',
        body: schemas.incidentBody,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await incidents.reportIncident(db, { actor, input: request.body, now: now() });
      return reply.status(201).send(
        toIncident({
          ...row,
          ...(await incidents.findIncidentPlaceNames(db, row)),
          timeline: incidents.incidentTimeline(row, new Map([[actor.staffId, actor.displayName]])),
        }),
      );
    },
  );

  app.get(
    '/api/calls/incidents',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        querystring: schemas.deskRecordsQuery,
        response: {
          200: z.object({
            items: z.array(schemas.incidentSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, deskId, status, emergencyOnly } = request.query;
      const parsedStatus = z
        .enum(['reported', 'dispatched', 'resolved'])
        .optional()
        .parse(status || undefined);
      const result = await incidents.findIncidents(db, {
        actor,
        deskIds: await desksAsked(db, actor, deskId),
        status: parsedStatus,
        isEmergency: emergencyOnly === 'true' ? true : undefined,
        ...toOffset({ page, pageSize }),
      });
      return { items: result.rows.map(toIncident), total: result.total, page, pageSize };
    },
  );

  app.post(
    '/api/calls/incidents/:incidentId/steps',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Dispatch or resolve',
        params: schemas.incidentIdParams,
        body: schemas.incidentStepBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await incidents.advanceIncident(db, {
        actor,
        incidentId: request.params.incidentId,
        ...request.body,
        now: now(),
      });
      const names = await directoryQueries.findStaffNames(db, [
        row.reportedBy,
        row.dispatchedBy ?? '',
        row.resolvedBy ?? '',
      ]);
      return toIncident({
        ...row,
        ...(await incidents.findIncidentPlaceNames(db, row)),
        timeline: incidents.incidentTimeline(row, names),
      });
    },
  );

  app.get(
    '/api/calls/desks/:deskId/emergency-contacts',
    {
      config: { access: deskSetupReaders, scope: 'project' },
      schema: {
        tags,
        params: schemas.deskIdParams,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), displayName: z.string(), title: z.string() })),
          }),
        },
      },
    },
    async (request) => ({
      items: await incidents.findDeskEmergencyContacts(db, requireActor(request), request.params.deskId),
    }),
  );

  app.put(
    '/api/calls/desks/:deskId/emergency-contacts',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: { tags, params: schemas.deskIdParams, body: schemas.contactsBody },
    },
    async (request) => ({
      staffIds: await incidents.setDeskEmergencyContacts(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        ...request.body,
        now: now(),
      }),
    }),
  );

  // --- leader calls (SEC-4) ---

  const toLeaderCall = (row: Awaited<ReturnType<typeof incidents.findLeaderCalls>>['rows'][number]) => ({
    id: row.id,
    deskId: row.deskId,
    callId: row.callId,
    claimedName: row.claimedName,
    claimedTitle: row.claimedTitle,
    callbackNumber: displayPhoneNumber(row.callbackNumber),
    request: row.request,
    isIdentified: row.isIdentified === 1,
    status: row.status,
    createdAt: row.createdAt,
    createdByName: row.createdByName,
    reportedToName: row.reportedToName,
    reportedAt: row.reportedAt,
    closedAt: row.closedAt,
    closedByName: row.closedByName,
    closingNote: row.closingNote,
  });

  app.post(
    '/api/calls/leader-calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: { tags, body: schemas.leaderCallBody, response: { 201: schemas.leaderCallSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await incidents.recordLeaderCall(db, { actor, input: request.body, now: now() });
      return reply.status(201).send(
        toLeaderCall({
          ...row,
          createdByName: actor.displayName,
          reportedToName: null,
          closedByName: null,
        }),
      );
    },
  );

  app.get(
    '/api/calls/leader-calls',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        querystring: schemas.deskRecordsQuery,
        response: {
          200: z.object({
            items: z.array(schemas.leaderCallSchema),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { page, pageSize, deskId, status } = request.query;
      const parsedStatus = z
        .enum(['recorded', 'reported', 'closed'])
        .optional()
        .parse(status || undefined) as LeaderCallStatus | undefined;
      const result = await incidents.findLeaderCalls(db, {
        actor,
        deskIds: await desksAsked(db, actor, deskId),
        status: parsedStatus,
        ...toOffset({ page, pageSize }),
      });
      return { items: result.rows.map(toLeaderCall), total: result.total, page, pageSize };
    },
  );

  for (const action of ['report', 'close'] as const) {
    app.post(
      `/api/calls/leader-calls/:leaderCallId/${action}`,
      {
        config: { access: deskAccess, scope: 'desk' },
        schema: { tags, params: schemas.leaderCallIdParams, body: schemas.closeBody.nullish() },
      },
      async (request) => {
        const actor = requireActor(request);
        const row =
          action === 'report'
            ? await incidents.reportLeaderCall(db, {
                actor,
                leaderCallId: request.params.leaderCallId,
                now: now(),
              })
            : await incidents.closeLeaderCall(db, {
                actor,
                leaderCallId: request.params.leaderCallId,
                note: request.body?.note ?? '',
                now: now(),
              });
        return { id: row.id, status: row.status };
      },
    );
  }

  // --- statistics (CS-1, SEC-1, SEC-6) ---

  app.get(
    '/api/calls/stats',
    { config: { access: deskAccess, scope: 'desk' }, schema: { tags, querystring: schemas.statsQuery } },
    async (request) => {
      const actor = requireActor(request);
      return computeCallStats(db, {
        actor,
        deskIds: await desksAsked(db, actor, request.query.deskId),
        fromDay: request.query.fromDay,
        toDay: request.query.toDay,
        now: now(),
      });
    },
  );

  app.get(
    '/api/calls/stats/export',
    { config: { access: deskAccess, scope: 'desk' }, schema: { tags, querystring: schemas.statsQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const stats = await computeCallStats(db, {
        actor,
        deskIds: await desksAsked(db, actor, request.query.deskId),
        fromDay: request.query.fromDay,
        toDay: request.query.toDay,
        now: now(),
      });
      const locale = request.locale;
      const labels = {
        'zh-CN': [
          '日期',
          '来电',
          '接听',
          '未接',
          '限内接听',
          '限内接听率 %',
          '平均响铃声数',
          '响铃声数 P90',
          '平均响铃秒数',
          '保持总秒数',
          '来电方先挂断 %',
        ],
        'zh-TW': [
          '日期',
          '來電',
          '接聽',
          '未接',
          '限內接聽',
          '限內接聽率 %',
          '平均響鈴聲數',
          '響鈴聲數 P90',
          '平均響鈴秒數',
          '保留總秒數',
          '來電方先掛斷 %',
        ],
        en: [
          'Day',
          'Calls',
          'Answered',
          'Missed',
          'Within limit',
          'Within limit %',
          'Rings avg',
          'Rings p90',
          'Ring seconds avg',
          'Hold seconds',
          'Caller hung up first %',
        ],
      }[locale];
      type Row = CallStatsRow;
      const rows: Row[] = [
        ...stats.byDay.map((row) => ({ ...row, key: row.day })),
        { ...stats.summary, key: { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' }[locale] },
      ];
      return sendWorkbook<Row>(reply, {
        filename:
          locale === 'en'
            ? `call-stats-${stats.fromDay}-${stats.toDay}.xlsx`
            : `来电统计-${stats.fromDay}-${stats.toDay}.xlsx`,
        sheetName: { 'zh-CN': '来电统计', 'zh-TW': '來電統計', en: 'Call statistics' }[locale],
        rows,
        columns: [
          { header: labels[0], width: 14, value: (row) => row.key },
          { header: labels[1], value: (row) => row.calls },
          { header: labels[2], value: (row) => row.answered },
          { header: labels[3], value: (row) => row.missed },
          { header: labels[4], value: (row) => row.answeredWithinLimit },
          { header: labels[5], value: (row) => row.withinLimitPercent },
          { header: labels[6], value: (row) => row.ringsAverage },
          { header: labels[7], value: (row) => row.ringsP90 },
          { header: labels[8], value: (row) => row.ringSecondsAverage },
          { header: labels[9], value: (row) => row.holdSecondsTotal },
          { header: labels[10], value: (row) => row.callerHungUpFirstPercent },
        ],
      });
    },
  );

  // --- CTI secrets (administrators) ---

  app.post(
    '/api/calls/desks/:deskId/cti-secret',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: {
        tags,
        summary: 'Create or rotate the desk’s CTI signing secret; shown whole only in this answer',
        params: schemas.deskIdParams,
        response: { 200: schemas.ctiSecretSchema },
      },
    },
    async (request) =>
      rotateCtiSecret(db, { actor: requireActor(request), deskId: request.params.deskId, now: now() }),
  );

  app.put(
    '/api/calls/desks/:deskId/cti',
    {
      config: { access: adminOnly, scope: 'project' },
      schema: { tags, params: schemas.deskIdParams, body: schemas.ctiEnabledBody },
    },
    async (request, reply) => {
      await setCtiEnabled(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        isEnabled: request.body.isEnabled,
        now: now(),
      });
      return reply.status(204).send();
    },
  );
}

type CallStatsRow = Awaited<ReturnType<typeof computeCallStats>>['summary'] & { key: string };
