import { z } from 'zod';
import { toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { displayPhoneNumber } from '../calls.rules.js';
import * as schemas from '../calls.schemas.js';
import * as directoryQueries from '../directory.queries.js';
import * as incidents from '../incidents.service.js';
import { adminOnly, deskAccess, deskSetupReaders, desksAsked, pageOf, tags } from './route-support.js';

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

/** Emergencies and incidents (SEC-5), and who a desk calls in an emergency. */
export async function incidentRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/calls/incidents',
    {
      config: { access: deskAccess, scope: 'desk' },
      schema: {
        tags,
        summary: 'Report an incident; an emergency needs all five SEC-5 facts',
        body: schemas.incidentBody,
        response: { 201: schemas.incidentSchema },
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
        response: { 200: pageOf(schemas.incidentSchema) },
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
        response: { 200: schemas.incidentSchema },
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
        response: { 200: z.object({ items: z.array(schemas.emergencyContactSchema) }) },
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
      schema: {
        tags,
        params: schemas.deskIdParams,
        body: schemas.contactsBody,
        response: { 200: z.object({ staffIds: z.array(z.string()) }) },
      },
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
}
