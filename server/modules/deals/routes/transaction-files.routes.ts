import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../deals.schemas.js';
import * as deals from '../deals.service.js';
import {
  contractSchema,
  fileListItemSchema,
  handOverCandidateSchema,
  mortgageSchema,
  moveInSchema,
  paymentResultSchema,
  statementSchema,
  taskListItemSchema,
  transactionFileSchema,
} from '../responses/transaction-files.responses.js';
import { listWithExport, money, sales, sendPdf, tags } from './route-helpers.js';

/** Transaction files (成交档案) and what happens in them: statements, payments, contract, mortgage, move-in, tasks. */
export function transactionFileRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  listWithExport(app, '/api/deals/files-list', {
    access: sales,
    item: fileListItemSchema,
    querystring: schemas.fileListQuery,
    defaultSort: 'openedAt',
    find: (actor, query) => deals.findTransactionFiles(db, actor, query),
  });
  app.get(
    '/api/deals/transaction-files/:id',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 200: transactionFileSchema }, tags, params: idParam },
    },
    async (request) => deals.getTransactionFile(db, requireActor(request), request.params.id, now()),
  );
  app.get(
    '/api/deals/transaction-files/:id/pdf',
    { config: { answers: 'file', access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) =>
      sendPdf(
        reply,
        await deals.transactionFilePdf(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          now: now(),
        }),
        false,
      ),
  );
  app.post(
    '/api/deals/transaction-files/:id/statements',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 201: statementSchema }, tags, params: idParam, body: schemas.statementBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await deals.createThirdPartyStatement(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          ...request.body,
          now: now(),
        }),
      ),
  );
  app.post(
    '/api/deals/statements/:id/signed',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 204: z.null() }, tags, params: idParam, body: schemas.signedStatementBody },
    },
    async (request, reply) => {
      await deals.attachSignedStatement(db, {
        actor: requireActor(request),
        statementId: request.params.id,
        fileId: request.body.fileId,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/deals/transaction-files/:id/payments',
    {
      config: { access: money, scope: 'deal' },
      schema: {
        response: { 200: paymentResultSchema, 201: paymentResultSchema },
        tags,
        params: idParam,
        body: schemas.paymentBody,
      },
    },
    async (request, reply) => {
      const result = await deals.recordPayment(db, {
        actor: requireActor(request),
        fileId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply
        .status(result.isReplay ? 200 : 201)
        .header('Idempotent-Replayed', String(result.isReplay))
        .send(result);
    },
  );
  app.get(
    '/api/deals/transaction-files/:id/hand-over-candidates',
    {
      config: { access: rolesAllowed('manager'), scope: 'deal' },
      schema: { response: { 200: z.array(handOverCandidateSchema) }, tags, params: idParam },
    },
    async (request) => deals.findHandOverCandidates(db, requireActor(request), request.params.id),
  );
  app.post(
    '/api/deals/transaction-files/:id/hand-over',
    {
      config: { access: rolesAllowed('manager'), scope: 'deal' },
      schema: {
        response: { 201: z.object({ id: z.string() }) },
        tags,
        params: idParam,
        body: schemas.handOverBody,
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await deals.handOverDeal(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          ...request.body,
          now: now(),
        }),
      ),
  );
  app.post(
    '/api/deals/transaction-files/:id/contract',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 201: contractSchema }, tags, params: idParam, body: schemas.contractBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await deals.prepareContract(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          contractNumber: request.body.contractNumber,
          now: now(),
        }),
      ),
  );
  app.put(
    '/api/deals/transaction-files/:id/contract/checklist',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: contractSchema }, tags, params: idParam, body: schemas.checklistBody },
    },
    async (request) =>
      deals.updateChecklist(db, {
        actor: requireActor(request),
        fileId: request.params.id,
        doneKeys: request.body.doneKeys,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/transaction-files/:id/contract/sign',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: contractSchema }, tags, params: idParam, body: schemas.signContractBody },
    },
    async (request) =>
      deals.signContract(db, {
        actor: requireActor(request),
        fileId: request.params.id,
        signedOn: request.body.signedOn,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/transaction-files/:id/mortgage',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 201: mortgageSchema }, tags, params: idParam, body: schemas.mortgageBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await deals.scheduleMortgageAppointment(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          ...request.body,
          appointmentAt: new Date(request.body.appointmentAt),
          now: now(),
        }),
      ),
  );
  app.post(
    '/api/deals/mortgage/:id/outcome',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: mortgageSchema }, tags, params: idParam, body: schemas.mortgageOutcomeBody },
    },
    async (request) =>
      deals.recordMortgageOutcome(db, {
        actor: requireActor(request),
        appointmentId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/transaction-files/:id/move-in',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 201: moveInSchema }, tags, params: idParam, body: schemas.moveInBody },
    },
    async (request, reply) =>
      reply.status(201).send(
        await deals.scheduleMoveIn(db, {
          actor: requireActor(request),
          fileId: request.params.id,
          ...request.body,
          appointmentAt: new Date(request.body.appointmentAt),
          now: now(),
        }),
      ),
  );
  app.post(
    '/api/deals/move-in/:id/complete',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { response: { 200: moveInSchema }, tags, params: idParam },
    },
    async (request) =>
      deals.completeMoveIn(db, { actor: requireActor(request), moveInId: request.params.id, now: now() }),
  );
  listWithExport(app, '/api/deals/tasks/mine', {
    access: sales,
    item: taskListItemSchema,
    querystring: schemas.taskListQuery,
    defaultSort: 'dueAt',
    find: (actor, query) => deals.findMyTasks(db, actor, query),
  });
  app.post(
    '/api/deals/tasks/:id/done',
    {
      config: { access: sales, scope: 'deal' },
      schema: { response: { 204: z.null() }, tags, params: idParam },
    },
    async (request, reply) => {
      await deals.completeTask(db, { actor: requireActor(request), taskId: request.params.id, now: now() });
      return reply.status(204).send(null);
    },
  );
}
