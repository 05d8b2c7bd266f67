import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJobByDedupeKey, startJobRunner } from '../../platform/jobs/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { changeSetting } from '../settings/index.js';
import type { ConformanceSummary } from './daily-inputs.js';
import { renderDailyReport } from './daily-report.pdf.js';
import { dailyReportJobKind, scheduleDailyReports } from './index.js';
import { dailyReportJobKey } from './reports.rules.js';
import { findDailyReports, getDailyReportPdf } from './reports.service.js';
import {
  buildReportWorld,
  pdfPages,
  pdfText,
  type ReportWorld,
  reportDay,
  reportDueAt,
} from './testing/report-world.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

const seconds = (date: Date, count: number) => new Date(date.getTime() + count * 1000);

describe('daily report (CONF): made once a day per project and desk, archived, delivered', () => {
  let database: TestDatabase;
  let world: ReportWorld;
  const runner = (instanceId: string, now: Date) =>
    startJobRunner({ database, instanceId, now: () => now, autoStart: false, kinds: [dailyReportJobKind] });
  const reportsOfDay = async (day: string) =>
    (
      await findDailyReports(
        database.db,
        world.admin,
        { fromDay: day, toDay: day },
        { order: 'desc', offset: 0, limit: 50 },
      )
    ).items;

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildReportWorld(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('CONF runs once per project and day with two instances and a restart', async () => {
    const estate = world.org.estateProjectId;
    // Two instances start the evening of the report day: each queues the next report.
    const evening = new Date('2026-12-01T12:00:00.000Z');
    await database.db.transaction().execute((trx) => scheduleDailyReports(trx, evening));
    await database.db.transaction().execute((trx) => scheduleDailyReports(trx, seconds(evening, 5)));
    const queued = await database.db
      .selectFrom('jobs')
      .select(['id', 'runAt'])
      .where('dedupeKey', '=', dailyReportJobKey(estate, reportDay))
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.runAt).toBe(reportDueAt.toISOString());

    // Not before its time.
    expect(await runner('a', seconds(reportDueAt, -60)).runUntilIdle()).toBe(0);
    // Both instances look at 08:00:05: each project's job runs on one of them.
    const due = seconds(reportDueAt, 5);
    const ran = await Promise.all([runner('a', due).runUntilIdle(), runner('b', due).runUntilIdle()]);
    expect(ran[0] + ran[1]).toBe(2);
    const first = await reportsOfDay(reportDay);
    // The estate (a report + one per desk: service centre and post) and the sales project (+ its sales line).
    expect(first.filter((item) => item.projectId === estate)).toHaveLength(3);
    expect(first.filter((item) => item.projectId === world.org.salesProjectId)).toHaveLength(2);
    expect(first.every((item) => item.generatedByName === null)).toBe(true);

    // A restart later that morning queues nothing new for the day and makes nothing twice.
    await database.db.transaction().execute((trx) => scheduleDailyReports(trx, seconds(due, 600)));
    expect(await runner('c', seconds(due, 600)).runUntilIdle()).toBe(0);
    expect((await reportsOfDay(reportDay)).map((item) => item.id).sort()).toEqual(
      first.map((item) => item.id).sort(),
    );
    // The next day's report is queued once, for the next morning.
    const next = await database.db
      .selectFrom('jobs')
      .select(['runAt', 'status'])
      .where('dedupeKey', '=', dailyReportJobKey(estate, '2026-12-02'))
      .execute();
    expect(next).toEqual([{ runAt: '2026-12-03T00:00:00.000Z', status: 'pending' }]);

    // Delivered: the estate's managers get the project report, its department head the desks'.
    const project = first.find((item) => item.projectId === estate && item.kind === 'project')!;
    const desk = first.find((item) => item.deskId === world.org.serviceDeskId)!;
    expect(
      await findJobByDedupeKey(database.db, `notify:report:project:${estate}:${reportDay}`),
    ).toBeTruthy();
    expect(
      await findJobByDedupeKey(database.db, `notify:report:desk:${desk.deskId}:${reportDay}`),
    ).toBeTruthy();
    expect(project.summary).toMatchObject({ calls: 3, missedCalls: 1, messages: 1, incidents: 1 });
  });

  it('CONF waits for a report time set later since the job was queued', async () => {
    const estate = world.org.estateProjectId;
    await changeSetting(database.db, {
      actor: world.admin,
      key: 'reports.dailyReportTime',
      scope: { scopeType: 'project', scopeId: estate },
      context: { companyId: world.org.companyId, projectId: estate },
      value: '09:30',
      now: reportDueAt,
    });
    const nextDay = '2026-12-02';
    const queuedAt = new Date('2026-12-03T00:00:05.000Z');
    await runner('a', queuedAt).runUntilIdle();
    expect(
      await reportsOfDay(nextDay).then((items) => items.filter((item) => item.projectId === estate)),
    ).toEqual([]);
    const deferred = await database.db
      .selectFrom('jobs')
      .select('runAt')
      .where('dedupeKey', '=', dailyReportJobKey(estate, nextDay))
      .executeTakeFirstOrThrow();
    expect(deferred.runAt).toBe('2026-12-03T01:30:00.000Z');
    await runner('a', new Date('2026-12-03T01:30:05.000Z')).runUntilIdle();
    expect(
      await reportsOfDay(nextDay).then((items) => items.filter((item) => item.projectId === estate)),
    ).toHaveLength(3);
  });

  it('CONF the desk PDF read back names the day, the calls, the limit and the messages on one page', async () => {
    const [desk] = (
      await findDailyReports(
        database.db,
        world.head,
        { deskId: world.org.serviceDeskId, fromDay: reportDay, toDay: reportDay },
        { order: 'desc', offset: 0, limit: 5 },
      )
    ).items;
    expect(desk?.summary).toMatchObject({ calls: 3, missedCalls: 1, withinLimitPercent: 33.3 });
    const { bytes, fileName } = await getDailyReportPdf(database.db, world.head, desk!.id);
    expect(fileName).toMatch(/接听席日报 2026-12-01\.pdf$/);
    expect(pdfPages(bytes)).toBe(1);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('接听席日报');
    expect(text).toContain('2026-12-01');
    expect(text).toContain('限内接听率');
    // calls 3, answered 2, missed 1, 33.3 % within the limit, 1 message, 1 incident
    expect(text).toMatch(/3 2 1 33\.3% 1 1/);
  });

  it('CONF the sales project PDF carries the sales figures of the dashboard', async () => {
    const [report] = (
      await findDailyReports(
        database.db,
        world.salesManager,
        { projectId: world.org.salesProjectId, kind: 'project', fromDay: reportDay, toDay: reportDay },
        { order: 'desc', offset: 0, limit: 5 },
      )
    ).items;
    expect(report?.summary.unitsSold).toBe(0);
    const { bytes } = await getDailyReportPdf(database.db, world.salesManager, report!.id);
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('项目日报');
    expect(text).toContain('销售数据');
    expect(text).toContain('成交套数');
  });

  it('CONF the PDF names the misses by rule and the three worst items with who and when', async () => {
    const title = (zh: string) => ({ 'zh-CN': zh, 'zh-TW': zh, en: zh });
    const conformance: ConformanceSummary = {
      met: 10,
      missed: 4,
      notApplicable: 2,
      score: 71.4,
      byRule: [
        { ruleId: 'CS-1', checkId: 'CS-1.rings', title: title('三声内接听'), met: 2, missed: 1 },
        { ruleId: 'SA-12', checkId: 'SA-12.reverify', title: title('收定金前复核房号'), met: 0, missed: 1 },
        { ruleId: 'SEC-6', checkId: 'SEC-6.hangup', title: title('等对方先挂机'), met: 3, missed: 0 },
      ],
      worst: [
        {
          subjectKind: 'call',
          subjectId: 'c1',
          occurredAt: '2026-12-01T02:00:17.000Z',
          staffName: '孙丽',
          missedChecks: [{ checkId: 'CS-1.rings', title: title('三声内接听') }],
        },
        {
          subjectKind: 'deal',
          subjectId: 'd1',
          occurredAt: '2026-12-01T06:30:00.000Z',
          staffName: '李顾问',
          missedChecks: [{ checkId: 'SA-12.reverify', title: title('收定金前复核房号') }],
        },
      ],
    };
    const pdf = await renderDailyReport({
      kind: 'project',
      projectName: '测试花园',
      deskName: null,
      day: reportDay,
      generatedAt: reportDueAt,
      sales: null,
      desks: [],
      conformance,
    });
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('CS-1 三声内接听 2 1');
    expect(text).toContain('SA-12 收定金前复核房号 0 1');
    expect(text).not.toContain('SEC-6');
    expect(text).toContain('1. 来电 · 孙丽 · 2026-12-01 10:00');
    expect(text).toContain('2. 成交 · 李顾问 · 2026-12-01 14:30');
  });
});
