import { z } from 'zod';
import { revealReasonLabels } from '../../../../contracts/personal-data.js';
import { localized } from '../../../platform/errors.js';
import { contentDisposition, type ExportSheet, shanghaiTime } from '../../../platform/excel/export.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import {
  personalDataFileName,
  personalDataPdf,
  personalDataWorkbook,
} from '../use-cases/personal-data-files.js';
import {
  eraseCustomer,
  exportCustomerData,
  findPersonalDataAccessLog,
  revealCustomerPhones,
  withdrawConsent,
} from '../use-cases/privacy.js';
import { updateCustomer } from '../use-cases/update-customer.js';

type AccessLogItem = Awaited<ReturnType<typeof findPersonalDataAccessLog>>['items'][number];

const accessLogExportLimit = 20_000;

const kindNames = {
  phone: localized('手机号', '手機號', 'Phone'),
  id_number: localized('身份证号', '身分證號', 'ID number'),
};

const accessLogSheet: ExportSheet<AccessLogItem> = {
  fileName: localized('个人信息访问记录.xlsx', '個人資訊訪問記錄.xlsx', 'personal-data-access-log.xlsx'),
  sheetName: localized('访问记录', '訪問記錄', 'Access log'),
  columns: [
    { header: localized('时间', '時間', 'Time'), width: 20, value: (row) => shanghaiTime(row.at) },
    { header: localized('查看人', '查看人', 'Who'), value: (row) => row.staffName },
    { header: localized('客户', '客戶', 'Customer'), value: (row) => row.customerName },
    { header: localized('内容', '內容', 'What'), value: (row, locale) => kindNames[row.kind][locale] },
    {
      header: localized('原因', '原因', 'Reason'),
      width: 24,
      value: (row, locale) => revealReasonLabels[row.reasonCode][locale],
    },
    { header: localized('说明', '說明', 'Details'), width: 30, value: (row) => row.reasonText },
  ],
};

/** PRIV: reveals with a reason, the access log, and a customer's PIPL rights (export, correction, withdrawal, erasure). */
export async function personalDataRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/customers/:id/reveal-phones',
    {
      config: { access: rolesAllowed('manager', 'consultant'), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.revealBody,
        response: { 200: schemas.revealResult },
      },
    },
    async (request) =>
      revealCustomerPhones(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        ...request.body,
        now: now(),
      }),
  );

  registerListWithExport(app, {
    url: '/api/privacy/access-log',
    tags: ['privacy'],
    access: rolesAllowed('dpo'),
    scope: 'owner',
    querystring: schemas.accessLogFilters,
    item: schemas.accessLogItem,
    // The newest first: the sort is not offered.
    find: ({ actor }, { sort: _sort, order: _order, ...query }) =>
      findPersonalDataAccessLog(db, { actor, ...query }),
    sheet: accessLogSheet,
    exportLimit: accessLogExportLimit,
  });

  app.get(
    '/api/customers/:id/personal-data',
    {
      config: { answers: 'file', access: rolesAllowed('manager', 'dpo'), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, querystring: schemas.personalDataQuery },
    },
    async (request, reply) => {
      const { format } = request.query;
      const document = await exportCustomerData(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        format,
        now: now(),
      });
      if (format === 'xlsx')
        return reply
          .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'Content-Disposition',
            contentDisposition(personalDataFileName(document, request.locale, 'xlsx')),
          )
          .send(await personalDataWorkbook(document, request.locale));
      if (format === 'pdf')
        return reply
          .header('Content-Type', 'application/pdf')
          .header(
            'Content-Disposition',
            contentDisposition(personalDataFileName(document, request.locale, 'pdf')),
          )
          .send(await personalDataPdf(document, request.locale));
      return reply
        .header('Content-Type', 'application/json; charset=utf-8')
        .header(
          'Content-Disposition',
          contentDisposition(personalDataFileName(document, request.locale, 'json')),
        )
        .send(JSON.stringify(document, null, 2));
    },
  );

  app.post(
    '/api/customers/:id/correction',
    {
      config: { access: rolesAllowed('manager', 'consultant', 'dpo'), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.correctionBody,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) => {
      const { reason, ...input } = request.body;
      return updateCustomer(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        input,
        correctionReason: reason,
        now: now(),
      });
    },
  );

  app.post(
    '/api/customers/:id/withdraw-consent',
    {
      config: { access: rolesAllowed('manager', 'dpo'), scope: 'owner' },
      schema: {
        response: { 204: z.null() },
        tags: ['customers'],
        params: idParam,
        body: schemas.withdrawConsentBody,
      },
    },
    async (request, reply) => {
      await withdrawConsent(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        ...request.body,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/customers/:id/erase',
    {
      config: { access: rolesAllowed('manager', 'dpo'), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.eraseBody,
        response: { 200: schemas.erasureResult },
      },
    },
    async (request) =>
      eraseCustomer(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );
}
