import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { sendSheetIn } from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport } from '../../platform/http/list-export.js';
import { idParam, pageResult, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as changes from './residents.changes.js';
import { residentErrors } from './residents.errors.js';
import * as imports from './residents.import.js';
import * as schemas from './residents.schemas.js';
import { registerRoles } from './residents.scope.js';
import * as residents from './residents.service.js';
import { problemSheet, residentSheet } from './residents.sheets.js';

const tags = ['residents'];
const access = rolesAllowed(...registerRoles);

export async function residentsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/residents',
    tags,
    access,
    scope: 'project',
    querystring: schemas.residentFilters,
    item: schemas.residentSchema,
    find: async ({ actor }, { sort, ...query }) =>
      residents.findResidents(db, { actor, ...query, sort: sort ?? 'place', now: now() }),
    sheet: residentSheet,
    exportLimit: 100_000,
  });

  app.post(
    '/api/residents',
    {
      config: { access, scope: 'project' },
      schema: { tags, body: schemas.residentBody, response: { 201: schemas.residentSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await residents.createResident(db, {
          actor: requireActor(request),
          input: request.body,
          now: now(),
        }),
      ),
  );

  app.get(
    '/api/residents/:id',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, response: { 200: schemas.residentSchema } },
    },
    async (request) =>
      residents.getResident(db, { actor: requireActor(request), residentId: request.params.id, now: now() }),
  );

  app.put(
    '/api/residents/:id',
    {
      config: { access, scope: 'project' },
      schema: {
        tags,
        params: idParam,
        body: schemas.residentUpdateBody,
        response: { 200: schemas.residentSchema },
      },
    },
    async (request) =>
      residents.updateResident(db, {
        actor: requireActor(request),
        residentId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.post(
    '/api/residents/:id/move-out',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, body: schemas.moveOutBody, response: { 200: schemas.residentSchema } },
    },
    async (request) =>
      changes.moveOutResident(db, {
        actor: requireActor(request),
        residentId: request.params.id,
        moveOutOn: request.body.moveOutOn,
        now: now(),
      }),
  );

  app.put(
    '/api/residents/:id/consent',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, body: schemas.consentBody, response: { 200: schemas.residentSchema } },
    },
    async (request) =>
      changes.setResidentConsent(db, {
        actor: requireActor(request),
        residentId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );

  app.post(
    '/api/resident-imports',
    {
      config: { access, scope: 'project' },
      schema: { tags, querystring: schemas.importQuery, response: { 201: schemas.residentImportSchema } },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(residentErrors.RESIDENT_IMPORT_NO_FILE);
      const file = await request.file();
      if (!file) throw new AppError(residentErrors.RESIDENT_IMPORT_NO_FILE);
      const preview = await imports.previewResidentImport(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        fileName: file.filename || 'residents.xlsx',
        file: await file.toBuffer(),
        now: now(),
      });
      return reply.status(201).send(preview);
    },
  );

  app.get(
    '/api/resident-imports',
    {
      config: { access, scope: 'project' },
      schema: {
        tags,
        querystring: schemas.importListQuery,
        response: { 200: pageResult(schemas.residentImportSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, projectId } = request.query;
      const { items, total } = await imports.findResidentImports(db, {
        actor: requireActor(request),
        projectId,
        ...toOffset({ page, pageSize }),
      });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/api/resident-imports/:id',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, response: { 200: schemas.residentImportSchema } },
    },
    async (request) =>
      imports.getResidentImport(db, { actor: requireActor(request), importId: request.params.id }),
  );

  app.get(
    '/api/resident-imports/:id/problems',
    {
      config: { access, scope: 'project' },
      schema: {
        tags,
        params: idParam,
        response: { 200: z.object({ items: z.array(schemas.importProblemSchema) }) },
      },
    },
    async (request) => ({
      items: await imports.findResidentImportProblems(db, {
        actor: requireActor(request),
        importId: request.params.id,
        locale: request.locale,
      }),
    }),
  );

  app.get(
    '/api/resident-imports/:id/problems/export',
    { config: { answers: 'file', access, scope: 'project' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const rows = await imports.findResidentImportProblems(db, {
        actor: requireActor(request),
        importId: request.params.id,
        locale: request.locale,
      });
      return sendSheetIn(reply, problemSheet, request.locale, rows);
    },
  );

  app.post(
    '/api/resident-imports/:id/commit',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, response: { 202: schemas.residentImportSchema } },
    },
    async (request, reply) =>
      reply.status(202).send(
        await imports.commitResidentImport(db, {
          actor: requireActor(request),
          importId: request.params.id,
          now: now(),
        }),
      ),
  );

  app.post(
    '/api/resident-imports/:id/cancel',
    {
      config: { access, scope: 'project' },
      schema: { tags, params: idParam, response: { 200: schemas.residentImportSchema } },
    },
    async (request) =>
      imports.cancelResidentImport(db, {
        actor: requireActor(request),
        importId: request.params.id,
        now: now(),
      }),
  );
}
