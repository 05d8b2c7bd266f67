import { sendWorkbook, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import { getCustomerForDisplay } from '../customers.service.js';
import { findCustomerTimeline, markMovedIn } from '../use-cases/after-sales.js';
import { findCustomers, getCustomerBook } from '../use-cases/find-customers.js';
import * as ownership from '../use-cases/ownership.js';
import { checkPhone, registerCustomer } from '../use-cases/register-customer.js';
import { updateCustomer } from '../use-cases/update-customer.js';
import { frontline, managers, salesStaff, viewers } from './roles.js';

const genderNames = { male: '男', female: '女', unknown: '' } as const;
const keyKindNames = { developer: '发展商', peer: '同行', media: '媒体' } as const;
const fen = (value: number | null) => (value === null ? '' : value / 1_000_000);

export async function customerRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/customers',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.customerListQuery,
        response: { 200: schemas.customerPage },
      },
    },
    async (request) => {
      const { page, pageSize, sort, order, ...filters } = request.query;
      const result = await findCustomers(db, requireActor(request), {
        ...filters,
        sort: sort ?? 'createdAt',
        order: sort ? order : 'desc',
        ...toOffset({ page, pageSize }),
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/customers/export',
    {
      config: { access: rolesAllowed(...salesStaff), scope: 'owner' },
      schema: { tags: ['customers'], querystring: schemas.customerExportQuery },
    },
    async (request, reply) => {
      const { sort, order, ...filters } = request.query;
      const { items } = await findCustomers(db, requireActor(request), {
        ...filters,
        sort: sort ?? 'createdAt',
        order: sort ? order : 'desc',
        offset: 0,
        limit: 50_000,
      });
      return sendWorkbook(reply, {
        filename: '客户登记本.xlsx',
        sheetName: '客户',
        rows: items,
        columns: [
          { header: '姓名', value: (row) => row.name },
          { header: '性别', width: 8, value: (row) => genderNames[row.gender] },
          {
            header: '电话',
            width: 28,
            value: (row) => (row.isPhoneRefused ? '拒留' : row.phones.join(' / ')),
          },
          {
            header: '客户类别',
            value: (row) => (row.keyKind ? `重点客户(${keyKindNames[row.keyKind]})` : '普通'),
          },
          { header: '意向户型', value: (row) => row.intentLayout },
          {
            header: '意向面积',
            value: (row) => (row.intentAreaMin ? `${row.intentAreaMin}-${row.intentAreaMax ?? ''}` : ''),
          },
          { header: '预算(万元)', value: (row) => fen(row.intentBudgetFen) },
          { header: '置业顾问', value: (row) => row.ownerName ?? '' },
          { header: '保护期至', width: 20, value: (row) => shanghaiTime(row.protectedUntil) },
          { header: '营销授权', width: 10, value: (row) => (row.hasMarketingConsent ? '是' : '否') },
          { header: '登记时间', width: 20, value: (row) => shanghaiTime(row.createdAt) },
        ],
      });
    },
  );

  app.post(
    '/api/customers',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.customerCreateBody,
        response: { 200: schemas.registerResult, 201: schemas.registerResult },
      },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      const result = await registerCustomer(db, {
        actor: requireActor(request),
        projectId,
        input,
        now: now(),
      });
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/customers/phone-check',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.phoneCheckBody,
        response: { 200: schemas.phoneCheckResult },
      },
    },
    async (request) => checkPhone(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  app.get(
    '/api/customers/book',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.sourceChannelQuery.pick({ projectId: true }),
        response: { 200: schemas.bookSchema },
      },
    },
    async (request) =>
      getCustomerBook(db, { actor: requireActor(request), projectId: request.query.projectId, now: now() }),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.customerSchema } },
    },
    async (request) => getCustomerForDisplay(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.customerInput,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) =>
      updateCustomer(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.timelineSchema } },
    },
    async (request) => ({
      items: await findCustomerTimeline(db, { actor: requireActor(request), customerId: request.params.id }),
    }),
  );

  app.post(
    '/api/customers/:id/reassign',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.reassignBody,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await ownership.reassignCustomer(db, {
        actor,
        customerId: request.params.id,
        ...request.body,
        now: now(),
      });
      return getCustomerForDisplay(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/customers/:id/move-in',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, body: schemas.moveInBody },
    },
    async (request) => ({
      checkIns: await markMovedIn(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        movedInAt: new Date(request.body.movedInAt),
        now: now(),
      }),
    }),
  );
}
