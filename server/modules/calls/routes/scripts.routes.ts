import { z } from 'zod';
import { anyStaff } from '../../../platform/http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../calls.schemas.js';
import * as scripts from '../scripts.service.js';
import { adminOnly, deskSetupReaders, tags } from './route-support.js';

const toPurpose = (row: Awaited<ReturnType<typeof scripts.findPurposes>>[number]) => ({
  id: row.id,
  key: row.key,
  label: row.label,
  sortOrder: row.sortOrder,
  isActive: row.isActive === 1,
});

/** A desk's scripts (CS-0) and their versions, and the call purposes (目的) of the company. */
export async function scriptRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
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
      schema: {
        tags,
        params: schemas.scriptParams,
        querystring: schemas.scriptsQuery,
        response: { 200: z.object({ items: z.array(schemas.scriptVersionSchema) }) },
      },
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
        response: { 200: schemas.scriptSavedSchema },
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
}
