import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReportItem } from '../../../contracts/reports.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import {
  buildReportWorld,
  pdfText,
  type ReportWorld,
  reportDay,
  reportDueAt,
} from './testing/report-world.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

describe('daily report archive routes: scope, PDF, generate now, Excel export', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let world: ReportWorld;
  const clock = createClock(reportDueAt);
  const sessions = new Map<string, TestSession>();
  const as = async (who: keyof Omit<ReportWorld, 'org'>) => {
    const existing = sessions.get(who);
    if (existing) return existing;
    const session = await signIn(app, world[who].username);
    sessions.set(who, session);
    return session;
  };
  const list = async (who: keyof Omit<ReportWorld, 'org'>, query = '') => {
    const response = await (await as(who)).request('GET', `/api/reports/daily?pageSize=50${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { items: DailyReportItem[]; total: number };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildReportWorld(database.db);
    app = await buildTestApp(database, clock);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('CONF generate now: a manager of the project makes its day, a department head may not, another project is 404', async () => {
    const body = { projectId: world.org.estateProjectId, day: reportDay };
    const made = await (await as('manager')).request('POST', '/api/reports/daily/generate', body);
    expect(made.statusCode).toBe(201);
    const items = (made.json() as { items: DailyReportItem[] }).items;
    expect(items.map((item) => item.kind).sort()).toEqual(['desk', 'desk', 'project']);
    expect(items.every((item) => item.generatedByName === '王经理')).toBe(true);
    expect((await (await as('head')).request('POST', '/api/reports/daily/generate', body)).statusCode).toBe(
      403,
    );
    expect(
      (await (await as('salesManager')).request('POST', '/api/reports/daily/generate', body)).statusCode,
    ).toBe(404);
    const future = await (await as('manager')).request('POST', '/api/reports/daily/generate', {
      ...body,
      day: '2026-12-03',
    });
    expect(future.statusCode).toBe(400);
    // Again: the day is redrawn, not doubled.
    await (await as('admin')).request('POST', '/api/reports/daily/generate', body);
    expect((await list('admin')).total).toBe(3);
  });

  it('CONF the archive shows managers their projects, department heads their desks, the admin all; 404 otherwise', async () => {
    await (await as('admin')).request('POST', '/api/reports/daily/generate', {
      projectId: world.org.salesProjectId,
      day: reportDay,
    });
    expect((await list('admin')).total).toBe(5);
    const manager = await list('manager');
    expect(manager.items.every((item) => item.projectId === world.org.estateProjectId)).toBe(true);
    expect(manager.total).toBe(3);
    const head = await list('head');
    expect(head.items.map((item) => item.kind)).toEqual(['desk', 'desk']);
    expect((await list('salesManager')).total).toBe(2);
    expect((await list('salesManager', `&projectId=${world.org.estateProjectId}`)).total).toBe(0);
    expect((await (await as('consultant')).request('GET', '/api/reports/daily')).statusCode).toBe(403);

    const projectReport = manager.items.find((item) => item.kind === 'project')!;
    const pdf = await (await as('manager')).request('GET', `/api/reports/daily/${projectReport.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdfText(pdf.rawPayload)).toContain('项目日报');
    // The department head reads the desks' reports, not the project's; another project's manager none.
    expect(
      (await (await as('head')).request('GET', `/api/reports/daily/${projectReport.id}/pdf`)).statusCode,
    ).toBe(404);
    const deskReport = head.items[0]!;
    expect(
      (await (await as('head')).request('GET', `/api/reports/daily/${deskReport.id}/pdf`)).statusCode,
    ).toBe(200);
    expect(
      (await (await as('salesManager')).request('GET', `/api/reports/daily/${deskReport.id}/pdf`)).statusCode,
    ).toBe(404);
  });

  it('CONF the archive list exports to Excel with the same scope and filters', async () => {
    const sheet = await (await as('manager')).request(
      'GET',
      `/api/reports/daily/export?kind=desk&fromDay=${reportDay}`,
    );
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const filtered = await list('manager', `&kind=desk&fromDay=${reportDay}&toDay=${reportDay}`);
    expect(filtered.total).toBe(2);
  });
});
