import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import * as ownership from '../use-cases/ownership.js';
import { frontline, managers } from './roles.js';

export async function ownershipRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customers/ownership-requests',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['customers'], body: schemas.requestReassignBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await ownership.requestReassignment(db, {
          actor: requireActor(request),
          ...request.body,
          now: now(),
        }),
      ),
  );

  app.get(
    '/api/customers/ownership-conflicts',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.conflictListQuery,
        response: { 200: schemas.pageOf(schemas.conflictSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, projectId, status } = request.query;
      const result = await ownership.findOwnershipConflicts(db, {
        actor: requireActor(request),
        projectId,
        status,
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/customers/ownership-conflicts/export',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.conflictListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { items } = await ownership.findOwnershipConflicts(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        status: request.query.status,
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '客户归属冲突.xlsx',
        sheetName: '归属冲突',
        rows: items,
        columns: [
          { header: '时间', width: 20, value: (row) => shanghaiTime(row.at) },
          { header: '客户', value: (row) => row.customerName },
          { header: '申请/登记顾问', value: (row) => row.requestedByName },
          { header: '原归属顾问', value: (row) => row.ownerName ?? '' },
          { header: '状态', value: (row) => row.status },
          { header: '理由', width: 30, value: (row) => row.reason },
          { header: '处理人', value: (row) => row.resolvedByName ?? '' },
          { header: '处理说明', width: 30, value: (row) => row.resolution },
        ],
      });
    },
  );

  app.post(
    '/api/customers/ownership-requests/:id/resolve',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, body: schemas.resolveRequestBody },
    },
    async (request, reply) => {
      await ownership.resolveReassignment(db, {
        actor: requireActor(request),
        requestId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply.status(204).send();
    },
  );
}
