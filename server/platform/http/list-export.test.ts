import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveLocale } from '../../../contracts/locales.js';
import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../auth/actor.js';
import { AppError, commonErrors } from '../errors.js';
import { rolesAllowed } from './access.js';
import { handleError } from './error-handler.js';
import { registerListWithExport, registerReportWithExport } from './list-export.js';
import { sortQuery } from './pagination.js';
import { responseSerializerCompiler } from './serialization.js';
import type { AppInstance } from './types.js';
import { zodValidatorCompiler } from './validation.js';

interface Visit {
  id: string;
  projectId: string;
  staffId: string;
  customerName: string;
  partySize: number;
}

const visits: Visit[] = Array.from({ length: 7 }, (_, index) => ({
  id: `v${index + 1}`,
  projectId: index < 5 ? 'p1' : 'p2',
  staffId: index % 2 === 0 ? 'wang' : 'li',
  customerName: `客户${index + 1}`,
  partySize: index + 1,
}));

const staff: Record<string, Role> = {
  wang: 'consultant',
  li: 'consultant',
  zhao: 'manager',
  qian: 'finance',
};

/** A tiny app that does what app.ts does around a route: who asks, in which language, may they. */
async function tinyApp() {
  const app = Fastify().withTypeProvider<ZodTypeProvider>() as unknown as AppInstance;
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler({ checkResponses: true }));
  app.setErrorHandler(handleError);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (request) => {
    const staffId = String(request.headers['x-staff'] ?? '');
    const role = staff[staffId];
    if (role)
      request.actor = {
        staffId,
        companyId: 'c1',
        displayName: staffId,
        locale: 'zh-CN',
        grants: [{ role, projectId: null }],
      } satisfies Actor;
    request.locale = resolveLocale(request.headers['accept-language']);
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || 'public' in access || access.roles === 'any') return;
    const roles = access.roles;
    if (!request.actor?.grants.some((grant) => roles.includes(grant.role)))
      throw new AppError(commonErrors.FORBIDDEN);
  });

  registerListWithExport(app, {
    url: '/api/things/:projectId/visits',
    tags: ['things'],
    access: rolesAllowed('consultant', 'manager'),
    scope: 'owner',
    params: z.strictObject({ projectId: z.string() }),
    querystring: z.strictObject({
      staffId: z.string().optional(),
      minParty: z.coerce.number().int().optional(),
      ...sortQuery(['partySize']),
    }),
    item: z.object({ id: z.string(), customerName: z.string(), partySize: z.number() }),
    find: async ({ actor, params }, query) => {
      // A consultant sees their own visits; a manager every visit of the project.
      const mine = actor.grants.some((grant) => grant.role === 'manager')
        ? visits
        : visits.filter((visit) => visit.staffId === actor.staffId);
      const matching = mine
        .filter((visit) => visit.projectId === params.projectId)
        .filter((visit) => !query.staffId || visit.staffId === query.staffId)
        .filter((visit) => query.minParty === undefined || visit.partySize >= query.minParty)
        .sort((a, b) => (query.order === 'desc' ? b.partySize - a.partySize : a.partySize - b.partySize));
      return { items: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
    },
    sheet: {
      fileName: { 'zh-CN': '来访登记.xlsx', 'zh-TW': '來訪登記.xlsx', en: 'visits.xlsx' },
      sheetName: { 'zh-CN': '来访', 'zh-TW': '來訪', en: 'Visits' },
      columns: [
        { header: { 'zh-CN': '客户', 'zh-TW': '客戶', en: 'Customer' }, value: (row) => row.customerName },
        { header: { 'zh-CN': '人数', 'zh-TW': '人數', en: 'Party' }, value: (row) => row.partySize },
      ],
    },
    exportLimit: 4,
  });

  registerReportWithExport(app, {
    url: '/api/things/:projectId/party-sizes',
    tags: ['things'],
    access: rolesAllowed('manager'),
    scope: 'project',
    params: z.strictObject({ projectId: z.string() }),
    querystring: z.strictObject({ minParty: z.coerce.number().int().default(1) }),
    response: z.object({ byStaff: z.array(z.object({ staffId: z.string(), people: z.number() })) }),
    find: async ({ params }, query) => {
      const people = new Map<string, number>();
      for (const visit of visits)
        if (visit.projectId === params.projectId && visit.partySize >= query.minParty)
          people.set(visit.staffId, (people.get(visit.staffId) ?? 0) + visit.partySize);
      return { byStaff: [...people].map(([staffId, count]) => ({ staffId, people: count })) };
    },
    rows: (report, locale) => [
      ...report.byStaff,
      { staffId: { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' }[locale], people: sum(report.byStaff) },
    ],
    sheet: {
      fileName: { 'zh-CN': '人数.xlsx', 'zh-TW': '人數.xlsx', en: 'people.xlsx' },
      sheetName: { 'zh-CN': '人数', 'zh-TW': '人數', en: 'People' },
      columns: [
        { header: { 'zh-CN': '顾问', 'zh-TW': '顧問', en: 'Consultant' }, value: (row) => row.staffId },
        { header: { 'zh-CN': '人数', 'zh-TW': '人數', en: 'People' }, value: (row) => row.people },
      ],
    },
  });
  await app.ready();
  return app;
}

function sum(rows: Array<{ people: number }>) {
  return rows.reduce((total, row) => total + row.people, 0);
}

async function readSheet(body: Buffer) {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return { name: sheet.name, header: rows[0], rows: rows.slice(1) };
}

describe('registerListWithExport', () => {
  it('lets fewer callers export than read the list, never more', () => {
    const named = { 'zh-CN': 'x', 'zh-TW': 'x', en: 'x' };
    const declare = (access: Role[], exportAccess: Role[]) => () =>
      registerListWithExport(Fastify() as unknown as AppInstance, {
        url: '/api/x',
        tags: [],
        access: rolesAllowed(...access),
        exportAccess: rolesAllowed(...exportAccess),
        scope: 'owner',
        querystring: z.strictObject({}),
        item: z.object({}),
        find: async () => ({ items: [], total: 0 }),
        sheet: { fileName: named, sheetName: named, columns: [] },
      });
    expect(declare(['manager', 'dpo'], ['manager'])).not.toThrow();
    expect(declare(['manager'], ['manager', 'dpo'])).toThrow(/subset/);
  });

  let app: AppInstance;
  beforeAll(async () => {
    app = await tinyApp();
  });
  afterAll(async () => app.close());

  const ask = (staffId: string, url: string, language = 'zh-CN') =>
    app.inject({ url, headers: { 'x-staff': staffId, 'accept-language': language } });

  it('answers the same rows in the list and in the export for the same filters', async () => {
    for (const [who, filters] of [
      ['zhao', 'minParty=2&order=desc'],
      ['zhao', 'staffId=li'],
      ['wang', ''],
      ['wang', 'staffId=li'],
    ] as const) {
      const list = await ask(who, `/api/things/p1/visits?${filters}&pageSize=200`);
      expect(list.statusCode).toBe(200);
      const exported = await ask(who, `/api/things/p1/visits/export?${filters}`);
      expect(exported.statusCode).toBe(200);
      const { rows } = await readSheet(exported.rawPayload);
      const listed = list
        .json()
        .items.map((item: { customerName: string; partySize: number }) => [
          item.customerName,
          item.partySize,
        ]);
      expect(rows).toEqual(listed);
    }
    // A consultant's list and export hold only their own visits.
    const own = await readSheet((await ask('li', '/api/things/p1/visits/export')).rawPayload);
    expect(own.rows).toEqual([
      ['客户2', 2],
      ['客户4', 4],
    ]);
  });

  it('pages the list and caps the export', async () => {
    const page = (await ask('zhao', '/api/things/p1/visits?page=2&pageSize=2')).json();
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((item: { id: string }) => item.id)).toEqual(['v3', 'v4']);
    const { rows } = await readSheet((await ask('zhao', '/api/things/p1/visits/export')).rawPayload);
    expect(rows).toHaveLength(4);
    // The export takes no paging: it writes every matching row, up to its cap.
    expect((await ask('zhao', '/api/things/p1/visits/export?page=2')).statusCode).toBe(400);
  });

  it('refuses the same caller on both', async () => {
    for (const who of ['qian', 'nobody']) {
      expect((await ask(who, '/api/things/p1/visits')).statusCode).toBe(403);
      expect((await ask(who, '/api/things/p1/visits/export')).statusCode).toBe(403);
    }
    const bad = 'minParty=many';
    expect((await ask('zhao', `/api/things/p1/visits?${bad}`)).statusCode).toBe(400);
    expect((await ask('zhao', `/api/things/p1/visits/export?${bad}`)).statusCode).toBe(400);
  });

  it('writes the export in the language the reader accepts', async () => {
    for (const [language, name, header, file] of [
      ['zh-CN', '来访', ['客户', '人数'], '来访登记.xlsx'],
      ['zh-TW,zh;q=0.8', '來訪', ['客戶', '人數'], '來訪登記.xlsx'],
      ['en-GB', 'Visits', ['Customer', 'Party'], 'visits.xlsx'],
    ] as const) {
      const exported = await ask('zhao', '/api/things/p1/visits/export', language);
      expect(exported.headers['content-disposition']).toContain(encodeURIComponent(file));
      const sheet = await readSheet(exported.rawPayload);
      expect(sheet.name).toBe(name);
      expect(sheet.header).toEqual(header);
    }
  });

  it('answers a report and its export from the same figures, to the same callers', async () => {
    const report = (await ask('zhao', '/api/things/p1/party-sizes?minParty=2')).json();
    expect(report).toEqual({
      byStaff: [
        { staffId: 'li', people: 6 },
        { staffId: 'wang', people: 8 },
      ],
    });
    const sheet = await readSheet(
      (await ask('zhao', '/api/things/p1/party-sizes/export?minParty=2', 'en')).rawPayload,
    );
    expect(sheet.header).toEqual(['Consultant', 'People']);
    expect(sheet.rows).toEqual([
      ['li', 6],
      ['wang', 8],
      ['Total', 14],
    ]);
    for (const url of ['/api/things/p1/party-sizes', '/api/things/p1/party-sizes/export'])
      expect((await ask('wang', url)).statusCode).toBe(403);
  });
});
