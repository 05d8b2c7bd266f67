import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import { contentDisposition, type ExportSheet, sendSheetIn } from '../../platform/excel/export.js';
import { type Access, rolesAllowed } from '../../platform/http/access.js';
import { cleanTextField } from '../../platform/http/clean-input.js';
import { idParam, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import { dealErrors } from './deals.errors.js';
import { planSheet, receiptSheet } from './deals.exports.js';
import * as schemas from './deals.schemas.js';
import * as deals from './deals.service.js';

const sales = rolesAllowed('consultant', 'controller', 'manager', 'finance');
const planners = rolesAllowed('consultant', 'controller', 'manager');
const managers = rolesAllowed('manager');
const money = rolesAllowed('finance', 'manager', 'consultant', 'controller');
const exportLimit = 20_000;

function sendPdf(reply: FastifyReply, file: { fileName: string; bytes: Buffer }, inline = true) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header(
      'Content-Disposition',
      contentDisposition(file.fileName).replace(/^attachment/, inline ? 'inline' : 'attachment'),
    )
    .send(file.bytes);
}

/** The query every searchable, sortable list takes. */
interface ListQuery {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order: 'asc' | 'desc';
}

/** What the list's use case receives: the filters as sent, `q` as `search`, a sort, and a window. */
type FindQuery<Q extends ListQuery> = Omit<Q, 'q' | 'page' | 'pageSize' | 'sort'> & {
  search: string | undefined;
  sort: NonNullable<Q['sort']>;
  offset: number;
  limit: number;
};

/** Roles are the first gate; each use case then checks the project, ownership and separation of duties. */
export async function dealsRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  const tags = ['deals'];

  /**
   * One registration for a list and, when it has a sheet, its Excel export at `<path>/export`:
   * the same query, access and use case, answered as a page or as a workbook of every matching
   * row (up to exportLimit), with the sheet's words in the requester's language.
   */
  function listWithExport<S extends z.ZodType<ListQuery>, Row>(
    path: string,
    options: {
      access: Access;
      querystring: S;
      defaultSort: NonNullable<z.output<S>['sort']>;
      find: (actor: Actor, query: FindQuery<z.output<S>>) => Promise<{ rows: Row[]; total: number }>;
      sheet?: ExportSheet<Row>;
    },
  ) {
    const findQuery = (query: z.output<S>, window: { offset: number; limit: number }) => {
      const { q, page: _page, pageSize: _size, sort, ...filter } = query;
      return { ...filter, search: q, sort: sort ?? options.defaultSort, ...window } as FindQuery<z.output<S>>;
    };
    const route = {
      config: { access: options.access, scope: 'deal' as const },
      schema: { tags, querystring: options.querystring },
    };
    app.get(path, route, async (request) => {
      const query = request.query as z.output<S>;
      const { rows, total } = await options.find(requireActor(request), findQuery(query, toOffset(query)));
      return { items: rows, total, page: query.page, pageSize: query.pageSize };
    });
    const sheet = options.sheet;
    if (!sheet) return;
    app.get(`${path}/export`, route, async (request, reply) => {
      const query = findQuery(request.query as z.output<S>, { offset: 0, limit: exportLimit });
      const { rows } = await options.find(requireActor(request), query);
      return sendSheetIn(reply, sheet, request.locale, rows);
    });
  }

  // ---------- plans (SA-9) ----------
  listWithExport('/api/deals/plans', {
    access: sales,
    querystring: schemas.planListQuery,
    defaultSort: 'updatedAt',
    find: (actor, query) => deals.findPlans(db, actor, query),
    sheet: planSheet,
  });
  app.post(
    '/api/deals/plans',
    { config: { access: planners, scope: 'deal' }, schema: { tags, body: schemas.planCreateBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deals.createPlan(db, { actor: requireActor(request), choices: request.body, now: now() }),
        ),
  );
  app.post(
    '/api/deals/plans/preview',
    { config: { access: planners, scope: 'deal' }, schema: { tags, body: schemas.planPreviewBody } },
    async (request) => {
      const { unitId, ...choices } = request.body;
      return deals.previewPlan(db, { actor: requireActor(request), unitId, choices, now: now() });
    },
  );
  app.get(
    '/api/deals/plans/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) => deals.getPlanById(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/deals/plans/:id',
    {
      config: { access: planners, scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.planReviseBody },
    },
    async (request) => {
      const { expectedVersion, ...choices } = request.body;
      return deals.revisePlan(db, {
        actor: requireActor(request),
        planId: request.params.id,
        expectedVersion,
        choices,
        now: now(),
      });
    },
  );
  app.post(
    '/api/deals/plans/:id/decision',
    {
      config: { access: managers, scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.decisionBody },
    },
    async (request) =>
      deals.decidePlan(db, {
        actor: requireActor(request),
        planId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );
  app.get(
    '/api/deals/plans/:id/versions',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) => ({
      items: await deals.findPlanVersionsOf(db, requireActor(request), request.params.id),
    }),
  );
  app.get(
    '/api/deals/plans/:id/schedule',
    {
      config: { access: sales, scope: 'deal' },
      schema: { tags, params: idParam, querystring: schemas.versionQuery },
    },
    async (request) =>
      deals.getPlanSchedule(db, requireActor(request), request.params.id, request.query.version),
  );
  app.get(
    '/api/deals/plans/:id/pdf',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) =>
      sendPdf(reply, await deals.planPdf(db, { actor: requireActor(request), planId: request.params.id })),
  );

  // ---------- deposits and receipts (SA-12) ----------
  app.get(
    '/api/deals/deposits',
    { config: { access: sales, scope: 'deal' }, schema: { tags, querystring: schemas.depositListQuery } },
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
    { config: { access: planners, scope: 'deal' }, schema: { tags, body: schemas.depositCreateBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.requestDeposit(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/deposits/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) =>
      deals.depositView(await deals.getDepositRow(db, requireActor(request), request.params.id)),
  );
  app.post(
    '/api/deals/deposits/:id/confirm',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) =>
      deals.confirmDeposit(db, { actor: requireActor(request), depositId: request.params.id, now: now() }),
  );
  app.post(
    '/api/deals/deposits/:id/cancel',
    {
      config: { access: planners, scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.reasonBody },
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
      schema: { tags, params: idParam, body: schemas.depositCollectBody },
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

  listWithExport('/api/deals/receipts', {
    access: sales,
    querystring: schemas.receiptListQuery,
    defaultSort: 'number',
    find: (actor, query) => deals.findReceipts(db, actor, query),
    sheet: receiptSheet,
  });
  app.get(
    '/api/deals/receipts/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) =>
      deals.receiptView(await deals.getReceiptRow(db, requireActor(request), request.params.id)),
  );
  app.get(
    '/api/deals/receipts/:id/pdf',
    { config: { access: money, scope: 'deal' }, schema: { tags, params: idParam } },
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
      schema: { tags, params: idParam, body: schemas.reasonBody },
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
      schema: { tags, params: idParam, body: schemas.voidDecisionBody },
    },
    async (request) =>
      deals.decideReceiptVoid(db, {
        actor: requireActor(request),
        receiptId: request.params.id,
        decision: request.body.decision,
        now: now(),
      }),
  );

  // ---------- forms (SA-13) ----------
  app.get(
    '/api/deals/forms',
    { config: { access: sales, scope: 'project' }, schema: { tags, querystring: schemas.formListQuery } },
    async (request) => ({
      items: await deals.findForms(db, { actor: requireActor(request), ...request.query }),
    }),
  );
  app.get(
    '/api/deals/forms/report',
    {
      config: { access: rolesAllowed('manager', 'controller', 'finance'), scope: 'project' },
      schema: { tags, querystring: schemas.projectQuery },
    },
    async (request) =>
      deals.formReport(db, { actor: requireActor(request), projectId: request.query.projectId }),
  );
  app.post(
    '/api/deals/form-batches',
    {
      config: { access: rolesAllowed('manager', 'controller'), scope: 'project' },
      schema: { tags, body: schemas.formBatchBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.issueFormBatch(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.post(
    '/api/deals/forms/:id/check-out',
    { config: { access: sales, scope: 'project' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      await deals.checkOutForm(db, { actor: requireActor(request), formId: request.params.id, now: now() });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/deals/forms/:id/void',
    {
      config: { access: sales, scope: 'project' },
      schema: { tags, params: idParam, body: schemas.reasonBody },
    },
    async (request, reply) => {
      await deals.voidForm(db, {
        actor: requireActor(request),
        formId: request.params.id,
        reason: request.body.reason,
        now: now(),
      });
      return reply.status(204).send();
    },
  );

  // ---------- uploads (ID copies, authorisations, signed statements) ----------
  app.post(
    '/api/deals/files',
    { config: { access: sales, scope: 'deal' }, schema: { tags, querystring: schemas.uploadQuery } },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      if (!file)
        throw new AppError(
          dealErrors.FILE_TYPE_NOT_ALLOWED,
          {},
          { file: dealErrors.FILE_TYPE_NOT_ALLOWED.message },
        );
      const bytes = await file.toBuffer();
      return reply.status(201).send(
        await deals.uploadDealFile(db, {
          actor: requireActor(request),
          ...request.query,
          fileName: cleanTextField('file', file.filename || 'upload'),
          bytes,
          now: now(),
        }),
      );
    },
  );
  app.get(
    '/api/deals/files/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      const file = await deals.readDealFile(db, {
        actor: requireActor(request),
        fileId: request.params.id,
        now: now(),
      });
      return reply
        .header('Content-Type', file.mime)
        .header('Content-Disposition', contentDisposition(file.fileName).replace(/^attachment/, 'inline'))
        .send(file.bytes);
    },
  );

  // ---------- agreements (SA-13) ----------
  listWithExport('/api/deals/agreements', {
    access: sales,
    querystring: schemas.agreementListQuery,
    defaultSort: 'updatedAt',
    find: (actor, query) => deals.findAgreements(db, actor, query),
  });
  app.post(
    '/api/deals/agreements',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { tags, body: schemas.agreementCreateBody },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.createAgreement(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/agreements/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) => deals.getAgreementById(db, requireActor(request), request.params.id),
  );
  app.put(
    '/api/deals/agreements/:id',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.agreementUpdateBody },
    },
    async (request) =>
      deals.updateAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        input: request.body.input,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/agreements/:id/submit',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { tags, params: idParam },
    },
    async (request) =>
      deals.submitAgreement(db, { actor: requireActor(request), agreementId: request.params.id, now: now() }),
  );
  app.post(
    '/api/deals/agreements/:id/abandon',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.abandonBody },
    },
    async (request) =>
      deals.abandonAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
  app.post(
    '/api/deals/agreements/:id/review',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam, body: schemas.reviewBody } },
    async (request) =>
      deals.reviewAgreement(db, {
        actor: requireActor(request),
        agreementId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );

  // ---------- transaction files (成交档案) and what happens in them ----------
  listWithExport('/api/deals/files-list', {
    access: sales,
    querystring: schemas.fileListQuery,
    defaultSort: 'openedAt',
    find: (actor, query) => deals.findTransactionFiles(db, actor, query),
  });
  app.get(
    '/api/deals/transaction-files/:id',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request) => deals.getTransactionFile(db, requireActor(request), request.params.id, now()),
  );
  app.get(
    '/api/deals/transaction-files/:id/pdf',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
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
      schema: { tags, params: idParam, body: schemas.statementBody },
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
      schema: { tags, params: idParam, body: schemas.signedStatementBody },
    },
    async (request, reply) => {
      await deals.attachSignedStatement(db, {
        actor: requireActor(request),
        statementId: request.params.id,
        fileId: request.body.fileId,
        now: now(),
      });
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/deals/transaction-files/:id/payments',
    {
      config: { access: money, scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.paymentBody },
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
  app.post(
    '/api/deals/transaction-files/:id/contract',
    {
      config: { access: rolesAllowed('consultant', 'manager'), scope: 'deal' },
      schema: { tags, params: idParam, body: schemas.contractBody },
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
      schema: { tags, params: idParam, body: schemas.checklistBody },
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
      schema: { tags, params: idParam, body: schemas.signContractBody },
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
      schema: { tags, params: idParam, body: schemas.mortgageBody },
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
      schema: { tags, params: idParam, body: schemas.mortgageOutcomeBody },
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
      schema: { tags, params: idParam, body: schemas.moveInBody },
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
      schema: { tags, params: idParam },
    },
    async (request) =>
      deals.completeMoveIn(db, { actor: requireActor(request), moveInId: request.params.id, now: now() }),
  );
  listWithExport('/api/deals/tasks/mine', {
    access: sales,
    querystring: schemas.taskListQuery,
    defaultSort: 'dueAt',
    find: (actor, query) => deals.findMyTasks(db, actor, query),
  });
  app.post(
    '/api/deals/tasks/:id/done',
    { config: { access: sales, scope: 'deal' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      await deals.completeTask(db, { actor: requireActor(request), taskId: request.params.id, now: now() });
      return reply.status(204).send();
    },
  );

  // ---------- certification (SA-15) and designations ----------
  app.get(
    '/api/deals/exams',
    { config: { access: sales, scope: 'company' }, schema: { tags, querystring: schemas.examListQuery } },
    async (request) => {
      const { page, pageSize, staffId } = request.query;
      const { rows, total } = await deals.findExams(
        db,
        requireActor(request),
        { staffId, ...toOffset({ page, pageSize }) },
        now(),
      );
      return { items: rows, total, page, pageSize };
    },
  );
  app.post(
    '/api/deals/exams',
    { config: { access: managers, scope: 'company' }, schema: { tags, body: schemas.examBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.recordExam(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.get(
    '/api/deals/staff',
    { config: { access: managers, scope: 'project' }, schema: { tags, querystring: schemas.projectQuery } },
    async (request) => ({
      items: await deals.findProjectStaff(db, requireActor(request), request.query.projectId),
    }),
  );
  app.get(
    '/api/deals/designations',
    { config: { access: sales, scope: 'project' }, schema: { tags, querystring: schemas.projectQuery } },
    async (request) => ({
      items: await deals.findDesignations(db, requireActor(request), request.query.projectId),
    }),
  );
  app.post(
    '/api/deals/designations',
    { config: { access: managers, scope: 'project' }, schema: { tags, body: schemas.designationBody } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await deals.designate(db, { actor: requireActor(request), ...request.body, now: now() })),
  );
  app.delete(
    '/api/deals/designations/:id',
    { config: { access: managers, scope: 'project' }, schema: { tags, params: idParam } },
    async (request, reply) => {
      await deals.revokeDesignation(db, {
        actor: requireActor(request),
        designationId: request.params.id,
        now: now(),
      });
      return reply.status(204).send();
    },
  );
}
