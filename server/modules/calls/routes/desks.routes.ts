import { z } from 'zod';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../calls.schemas.js';
import { rotateCtiSecret, setCtiEnabled } from '../cti.service.js';
import { findCallDesks } from '../desks.service.js';
import { searchDirectory, setStaffWorkplace } from '../directory.service.js';
import { adminOnly, deskAccess, deskSetupReaders, tags } from './route-support.js';

/** The call desks, their CTI set-up (administrators) and the staff directory (CS-2, CS-4). */
export async function deskRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
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
      schema: {
        tags,
        params: schemas.deskIdParams,
        body: schemas.ctiEnabledBody,
        response: { 204: z.null().describe('CTI switched on or off') },
      },
    },
    async (request, reply) => {
      await setCtiEnabled(db, {
        actor: requireActor(request),
        deskId: request.params.deskId,
        isEnabled: request.body.isEnabled,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

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
}
