import type { Role } from '../../../contracts/roles.js';
import { sendWorkbook, shanghaiTime } from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { idParam, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './reception.schemas.js';
import * as reception from './reception.service.js';
import * as sellingPoints from './selling-points.service.js';

const frontline: Role[] = ['manager', 'consultant'];
const resultNames = {
  left_contact: '留下联系方式',
  info_only: '仅咨询',
  appointment: '预约到访',
  no_contact: '未留联系方式',
  other: '其他',
} as const;
const kindNames = { buyer: '购房客户', developer: '发展商', peer: '同行', media: '媒体' } as const;

export async function receptionRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/reception/board',
    {
      config: { access: rolesAllowed(...frontline), scope: 'project' },
      schema: {
        tags: ['reception'],
        querystring: schemas.projectQuery,
        response: { 200: schemas.boardSchema },
      },
    },
    async (request) =>
      reception.getAnsweringBoard(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
        now: now(),
      }),
  );

  app.put(
    '/api/reception/order',
    {
      config: { access: rolesAllowed('manager'), scope: 'project' },
      schema: { tags: ['reception'], body: schemas.orderBody, response: { 200: schemas.boardSchema } },
    },
    async (request) =>
      reception.setAnsweringOrder(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  // SA-6: the project's selling points, read at the visit's boards step, kept by its manager.
  app.get(
    '/api/reception/selling-points',
    {
      config: { access: rolesAllowed(...frontline), scope: 'project' },
      schema: {
        tags: ['reception'],
        querystring: schemas.projectQuery,
        response: { 200: schemas.sellingPointListSchema },
      },
    },
    async (request) => ({
      items: await sellingPoints.findSellingPoints(db, {
        actor: requireActor(request),
        projectId: request.query.projectId,
      }),
    }),
  );

  app.put(
    '/api/reception/selling-points',
    {
      config: { access: rolesAllowed('manager'), scope: 'project' },
      schema: {
        tags: ['reception'],
        body: schemas.sellingPointsBody,
        response: { 200: schemas.sellingPointListSchema },
      },
    },
    async (request) => ({
      items: await sellingPoints.saveSellingPoints(db, {
        actor: requireActor(request),
        ...request.body,
        now: now(),
      }),
    }),
  );

  app.post(
    '/api/reception/calls/answer',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['reception'], body: schemas.projectBody, response: { 201: schemas.answerResult } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await reception.answerCall(db, {
          actor: requireActor(request),
          projectId: request.body.projectId,
          now: now(),
        }),
      ),
  );

  app.delete(
    '/api/reception/calls/:id',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['reception'], params: idParam },
    },
    async (request, reply) => {
      await reception.discardCall(db, {
        actor: requireActor(request),
        callId: request.params.id,
        now: now(),
      });
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/reception/calls/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        params: idParam,
        body: schemas.callRegisterBody,
        response: { 200: schemas.registerCallResult },
      },
    },
    async (request) =>
      reception.saveCallRegister(db, {
        actor: requireActor(request),
        callId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.get(
    '/api/reception/calls',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        querystring: schemas.callListQuery,
        response: { 200: schemas.callPage },
      },
    },
    async (request) => {
      const { page, pageSize, sort: _sort, order, ...filters } = request.query;
      return {
        ...(await reception.findCalls(db, requireActor(request), {
          ...filters,
          order: request.query.sort ? order : 'desc',
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/reception/calls/export',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['reception'], querystring: schemas.callExportQuery },
    },
    async (request, reply) => {
      const { sort: _sort, order: _order, ...filters } = request.query;
      const { items } = await reception.findCalls(db, requireActor(request), {
        ...filters,
        order: 'desc',
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '来电客户登记本.xlsx',
        sheetName: '来电登记',
        rows: items,
        columns: [
          { header: '来电时间', width: 20, value: (row) => shanghaiTime(row.answeredAt) },
          { header: '接听顾问', value: (row) => row.staffName },
          { header: '客户姓名', value: (row) => row.callerName },
          { header: '电话', width: 16, value: (row) => row.callerPhone },
          { header: '咨询问题', width: 40, value: (row) => row.questions },
          { header: '意向户型', value: (row) => row.intentLayout },
          {
            header: '意向面积',
            value: (row) => (row.intentAreaMin ? `${row.intentAreaMin}-${row.intentAreaMax ?? ''}` : ''),
          },
          {
            header: '预算(万元)',
            value: (row) => (row.intentBudgetFen === null ? '' : row.intentBudgetFen / 1_000_000),
          },
          { header: '结果', value: (row) => resultNames[row.result] },
          { header: '预约时间', width: 20, value: (row) => shanghaiTime(row.appointmentAt) },
        ],
      });
    },
  );

  app.get(
    '/api/reception/calls/stats',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        querystring: schemas.statsQuery,
        response: { 200: schemas.statsSchema },
      },
    },
    async (request) =>
      reception.getCallStatistics(db, { actor: requireActor(request), ...request.query, now: now() }),
  );

  app.post(
    '/api/reception/visits',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: { tags: ['reception'], body: schemas.visitorBody, response: { 201: schemas.receiveResult } },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      return reply
        .status(201)
        .send(
          await reception.receiveVisitor(db, { actor: requireActor(request), projectId, input, now: now() }),
        );
    },
  );

  app.get(
    '/api/reception/visits',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        querystring: schemas.visitListQuery,
        response: { 200: schemas.visitPage },
      },
    },
    async (request) => {
      const { page, pageSize, sort: _sort, order: _order, ...filters } = request.query;
      return {
        ...(await reception.findVisits(db, requireActor(request), {
          ...filters,
          ...toOffset({ page, pageSize }),
        })),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/reception/visits/export',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['reception'],
        querystring: schemas.visitListQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { sort: _sort, order: _order, ...filters } = request.query;
      const { items } = await reception.findVisits(db, requireActor(request), {
        ...filters,
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '来访客户登记表.xlsx',
        sheetName: '来访登记',
        rows: items,
        columns: [
          { header: '到访时间', width: 20, value: (row) => shanghaiTime(row.arrivedAt) },
          { header: '离开时间', width: 20, value: (row) => shanghaiTime(row.leftAt) },
          { header: '接待顾问', value: (row) => row.staffName },
          { header: '客户', value: (row) => row.customerName },
          { header: '人数', width: 8, value: (row) => row.partySize },
          { header: '类别', value: (row) => kindNames[row.visitorKind] },
          { header: '电话', value: (row) => (row.isPhoneRefused ? '客户拒留' : '') },
        ],
      });
    },
  );

  app.get(
    '/api/reception/visits/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['reception'], params: idParam, response: { 200: schemas.visitSchema } },
    },
    async (request) => reception.getVisit(db, { actor: requireActor(request), visitId: request.params.id }),
  );

  app.post(
    '/api/reception/visits/:id/steps/:step',
    {
      config: { access: rolesAllowed('consultant'), scope: 'owner' },
      schema: {
        tags: ['reception'],
        params: schemas.stepParams,
        body: schemas.stepBody,
        response: { 200: schemas.visitSchema },
      },
    },
    async (request) =>
      reception.completeVisitStep(db, {
        actor: requireActor(request),
        visitId: request.params.id,
        step: request.params.step,
        ...request.body,
        now: now(),
      }),
  );
}
