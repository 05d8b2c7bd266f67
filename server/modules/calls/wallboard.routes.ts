import { z } from 'zod';
import { rolesAllowed } from '../../platform/http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { deskIdParams } from './calls.schemas.js';
import { wallboardDeskSchema, wallboardSchema } from './wallboard.schemas.js';
import { findWallboardDesks, getWallboard } from './wallboard.service.js';

// Supervisors watch every desk of their projects; agents, guards and consultants their own kind of desk.
const wallboardAccess = rolesAllowed('admin', 'manager', 'dept_head', 'agent', 'guard', 'consultant');
const tags = ['calls'];

/** The live supervisor wallboard of each desk (issue 16). */
export async function wallboardRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/calls/wallboard/desks',
    {
      config: { access: wallboardAccess, scope: 'project' },
      schema: {
        tags,
        summary: 'The desks whose wallboard the caller may open',
        response: { 200: z.object({ items: z.array(wallboardDeskSchema) }) },
      },
    },
    async (request) => ({ items: await findWallboardDesks(db, requireActor(request)) }),
  );

  app.get(
    '/api/calls/wallboard/:deskId',
    {
      config: { access: wallboardAccess, scope: 'project' },
      schema: {
        tags,
        summary:
          'One desk’s wallboard now: ringing calls, holds, presence, today’s answer rate, overdue messages',
        params: deskIdParams,
        response: { 200: wallboardSchema },
      },
    },
    async (request) =>
      getWallboard(db, { actor: requireActor(request), deskId: request.params.deskId, now: now() }),
  );
}
