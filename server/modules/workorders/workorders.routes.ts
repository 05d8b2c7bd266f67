import type { z } from 'zod';
import { visibility } from '../../platform/auth/scope.js';
import { AppError } from '../../platform/errors.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport } from '../../platform/http/list-export.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { findAssignees } from './use-cases/assignment.js';
import { createWorkOrder, deskRoles } from './use-cases/create-work-order.js';
import { addWorkOrderPhoto, readWorkOrderPhoto } from './use-cases/photos.js';
import { findWorkOrderBoard, findWorkOrders, getWorkOrderDetail } from './use-cases/read-work-orders.js';
import { assignWorkOrder, recordCallback, reopenWorkOrder, stepWorkOrder } from './use-cases/steps.js';
import { workOrderErrors } from './workorders.errors.js';
import * as schemas from './workorders.schemas.js';
import { workOrderSheet } from './workorders.sheets.js';

const tags = ['workorders'];
const desk = rolesAllowed(...deskRoles);
/** Everyone who works with orders: the desk, and engineers (who see only theirs and their team's). */
const readers = rolesAllowed(...deskRoles, 'engineer');

/** Work orders (报修 / 投诉 / 咨询): list and export, board, detail, the steps, photos. */
export async function workordersRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/work-orders',
    tags,
    access: readers,
    exportAccess: desk,
    scope: 'workorder',
    querystring: schemas.listFilters,
    item: schemas.summarySchema,
    find: ({ actor }, { openOnly, breachedOnly, ...query }) =>
      findWorkOrders(
        db,
        actor,
        { ...query, openOnly: openOnly === 'true', breachedOnly: breachedOnly === 'true' },
        now(),
      ),
    sheet: workOrderSheet,
  });

  app.get(
    '/api/work-orders/board',
    {
      config: { access: readers, scope: 'workorder' },
      schema: { tags, querystring: schemas.projectQuery, response: { 200: schemas.boardSchema } },
    },
    async (request) => findWorkOrderBoard(db, requireActor(request), request.query.projectId, now()),
  );

  app.get(
    '/api/work-orders/assignees',
    {
      config: { access: desk, scope: 'workorder' },
      schema: { tags, querystring: schemas.projectQuery, response: { 200: schemas.assigneesSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      visibility(actor, 'workorder').assertProject(request.query.projectId);
      return findAssignees(db, actor.companyId, request.query.projectId);
    },
  );

  app.post(
    '/api/work-orders',
    {
      config: { access: desk, scope: 'workorder' },
      schema: { tags, body: schemas.createBody, response: { 201: schemas.detailSchema } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { projectId, source, ...input } = request.body;
      const row = await createWorkOrder(db, { actor, projectId, source, input, now: now() });
      return reply.status(201).send(await getWorkOrderDetail(db, actor, row.id, now()));
    },
  );

  app.get(
    '/api/work-orders/:id',
    {
      config: { access: readers, scope: 'workorder' },
      schema: { tags, params: idParam, response: { 200: schemas.detailSchema } },
    },
    async (request) => getWorkOrderDetail(db, requireActor(request), request.params.id, now()),
  );

  const change = <B extends z.ZodObject>(
    path: string,
    body: B,
    summary: string,
    run: (actor: ReturnType<typeof requireActor>, id: string, body: z.output<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/work-orders/:id/${path}`,
      {
        config: { access: readers, scope: 'workorder' },
        schema: { tags, summary, params: idParam, body, response: { 200: schemas.detailSchema } },
      },
      async (request) => {
        const actor = requireActor(request);
        await run(actor, request.params.id, request.body as z.output<B>);
        return getWorkOrderDetail(db, actor, request.params.id, now());
      },
    );

  change('assign', schemas.assignBody, 'Assign to a team or an engineer', (actor, workOrderId, body) =>
    assignWorkOrder(db, { actor, workOrderId, ...body, now: now() }),
  );
  change('steps', schemas.stepBody, 'Accept, arrive on site, complete, close', (actor, workOrderId, body) =>
    stepWorkOrder(db, { actor, workOrderId, ...body, now: now() }),
  );
  change(
    'callback',
    schemas.callbackBody,
    'Record the callback (回访) and its score',
    (actor, workOrderId, body) => recordCallback(db, { actor, workOrderId, ...body, now: now() }),
  );
  change('reopen', schemas.reopenBody, 'Reopen with a reason', (actor, workOrderId, body) =>
    reopenWorkOrder(db, { actor, workOrderId, ...body, now: now() }),
  );

  app.post(
    '/api/work-orders/:id/photos',
    {
      config: { access: readers, scope: 'workorder' },
      schema: {
        tags,
        params: idParam,
        querystring: schemas.photoQuery,
        response: { 201: schemas.photoSchema },
      },
    },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file)
        throw new AppError(
          workOrderErrors.PHOTO_TYPE_NOT_ALLOWED,
          {},
          { file: workOrderErrors.PHOTO_TYPE_NOT_ALLOWED.message },
        );
      const photo = await addWorkOrderPhoto(db, {
        actor: requireActor(request),
        workOrderId: request.params.id,
        stage: request.query.stage,
        bytes: await file.toBuffer(),
        now: now(),
      });
      return reply.status(201).send(photo);
    },
  );

  app.get(
    '/api/work-order-photos/:id',
    { config: { answers: 'file', access: readers, scope: 'workorder' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const photo = await readWorkOrderPhoto(db, {
        actor: requireActor(request),
        photoId: request.params.id,
      });
      return reply
        .header('Content-Type', photo.mime)
        .header('Cache-Control', 'private, no-store')
        .send(photo.bytes);
    },
  );
}
