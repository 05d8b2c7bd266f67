import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import * as followUps from '../use-cases/follow-ups.js';
import { frontline } from './roles.js';

const statusNames: Record<string, string> = { planned: '待回访', done: '已回访', cancelled: '已取消' };

export async function followUpRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customers/:id/follow-ups',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpBody,
        response: { 201: schemas.followUpSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await followUps.planFollowUp(db, {
          actor: requireActor(request),
          customerId: request.params.id,
          plannedAt: new Date(request.body.plannedAt),
          theme: request.body.theme,
          channel: request.body.channel,
          now: now(),
        }),
      ),
  );

  app.get(
    '/api/follow-ups',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        querystring: schemas.followUpListQuery,
        response: { 200: schemas.pageOf(schemas.followUpSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, sort: _sort, order: _order, ...filters } = request.query;
      const result = await followUps.findFollowUps(db, {
        actor: requireActor(request),
        ...filters,
        now: now(),
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/follow-ups/export',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        querystring: schemas.followUpListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { sort: _sort, order: _order, ...filters } = request.query;
      const { items } = await followUps.findFollowUps(db, {
        actor: requireActor(request),
        ...filters,
        now: now(),
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '回访计划.xlsx',
        sheetName: '回访',
        rows: items,
        columns: [
          { header: '计划时间', width: 20, value: (row) => shanghaiTime(row.plannedAt) },
          { header: '客户', value: (row) => row.customerName },
          { header: '置业顾问', value: (row) => row.staffName },
          { header: '方式', value: (row) => followUps.channelLabels[row.channel] },
          { header: '主题', width: 30, value: (row) => row.theme },
          { header: '状态', value: (row) => (row.isOverdue ? '已逾期' : statusNames[row.status]) },
          { header: '回访结果', width: 40, value: (row) => row.outcome },
          { header: '完成时间', width: 20, value: (row) => shanghaiTime(row.doneAt) },
        ],
      });
    },
  );

  app.post(
    '/api/follow-ups/:id/complete',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpOutcomeBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.completeFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        outcome: request.body.outcome,
        now: now(),
      }),
  );

  app.post(
    '/api/follow-ups/:id/cancel',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['follow-ups'],
        params: idParam,
        body: schemas.followUpCancelBody,
        response: { 200: schemas.followUpSchema },
      },
    },
    async (request) =>
      followUps.cancelFollowUp(db, {
        actor: requireActor(request),
        followUpId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
}
