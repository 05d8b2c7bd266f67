import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam, pageResult, toOffset } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { receiptSheet } from '../deals.exports.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import { collectResultSchema, depositSchema, receiptSchema } from '../responses/deposits.responses.js';
import { listWithExport, managers, money, planners, sales, sendPdf, tags } from './route-helpers.js';

/** Deposits and receipts (临订/定金, 收据, SA-12). */
export function depositRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/deals/deposits',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: pageResult(depositSchema) }, tags, querystring: schemas.depositListQuery },
    },
    async (request) => {
      const { page, pageSize, sort: _sort, order, ...filter } = request.query;
      const { rows, total } = await deals.findDeposits(db, requireActor(request), {
        ...filter,
        order,
        ...toOffset({ page, pageSize }),
      });
      return { items: rows, total, page, pageSize };
    },
  );
  app.post(
    '/api/deals/deposits',
    {
      config: { access: planners, scope: 'deal' },
      schema: { response: { 201: depositSchema }, tags, body: schemas.depositCreateBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.requestDeposit(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/deposits/:id',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: depositSchema }, tags, params: idParam },
    },
    async (request) =>
      deals.depositView(await deals.getDepositRow(db, requireActor(request), request.params.id)),
  );
  app.post(
    '/api/deals/deposits/:id/confirm',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: depositSchema }, tags, params: idParam },
    },
    async (request) =>
      deals.confirmDeposit(db, { actor: requireActor(request), depositId: request.params.id, now: now() }),
  );
  app.post(
    '/api/deals/deposits/:id/cancel',
    {
      config: { access: planners, scope: 'deal' },
      schema: { response: { 200: depositSchema }, tags, params: idParam, body: schemas.reasonBody },
    },
    async (request) =>
      deals.cancelDeposit(db, {
        actor: requireActor(request),
        depositId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/deposits/:id/collect',
    {
      config: { access: money, scope: 'deal' },
      schema: {
        response: { 200: collectResultSchema, 201: collectResultSchema },
        tags,
        params: idParam,
        body: schemas.depositCollectBody,
      },
    },
    async (request, reply) => {
      const result = await deals.collectDeposit(db, {
        actor: requireActor(request),
        depositId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply
        .status(result.isReplay ? 200 : 201)
        .header('Idempotent-Replayed', String(result.isReplay))
        .send(result);
    },
  );

  listWithExport(app, '/api/deals/receipts', {
    access: sales,
    item: receiptSchema,
    querystring: schemas.receiptListQuery,
    defaultSort: 'number',
    find: (actor, query) => deals.findReceipts(db, actor, query),
    sheet: receiptSheet,
  });
  app.get(
    '/api/deals/receipts/:id',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: receiptSchema }, tags, params: idParam },
    },
    async (request) =>
      deals.receiptView(await deals.getReceiptRow(db, requireActor(request), request.params.id)),
  );
  app.get(
    '/api/deals/receipts/:id/pdf',
    { config: { answers: 'file', access: money, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) =>
      sendPdf(
        reply,
        await deals.printReceipt(db, {
          actor: requireActor(request),
          receiptId: request.params.id,
          now: now(),
        }),
      ),
  );
  app.post(
    '/api/deals/receipts/:id/void-request',
    {
      config: { access: rolesAllowed('finance', 'manager'), scope: 'deal' },
      schema: { response: { 200: receiptSchema }, tags, params: idParam, body: schemas.reasonBody },
    },
    async (request) =>
      deals.requestReceiptVoid(db, {
        actor: requireActor(request),
        receiptId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/receipts/:id/void-decision',
    {
      config: { access: managers, scope: 'deal' },
      schema: { response: { 200: receiptSchema }, tags, params: idParam, body: schemas.voidDecisionBody },
    },
    async (request) =>
      deals.decideReceiptVoid(db, {
        actor: requireActor(request),
        receiptId: request.params.id,
        decision: request.body.decision,
        now: now(),
      }),
  );
}
