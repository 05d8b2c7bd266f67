import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildInventory, type InventoryFixture } from '../inventory/testing/index.js';
import { receiveVisitor } from './reception.service.js';

let database: TestDatabase;
let fixture: InventoryFixture;
let app: AppInstance;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await buildInventory(database.db, { now });
  app = await buildTestApp(database, createClock(now));
});

afterAll(async () => {
  await app?.close();
  await database.drop();
});

describe('selling points (SA-6)', () => {
  it("SA-6 the manager keeps the project's ordered selling points, audited, and the visit's boards step presents them", async () => {
    const manager = await signIn(app, fixture.manager.username);
    const projectId = fixture.org.salesProjectId;
    const points = [
      { title: '地铁口物业', body: '步行 3 分钟到 2 号线。', layout: '' },
      { title: '南北通透', body: '三室两厅全明户型，\n主卧带飘窗。', layout: '三室两厅' },
    ];
    const saved = await manager.request('PUT', '/api/reception/selling-points', { projectId, items: points });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().items.map((item: { title: string }) => item.title)).toEqual([
      '地铁口物业',
      '南北通透',
    ]);

    // Reordering is a save of the whole list; the order read back is the manager's.
    const reordered = await manager.request('PUT', '/api/reception/selling-points', {
      projectId,
      items: [points[1], points[0]],
    });
    expect(reordered.statusCode).toBe(200);
    const consultant = await signIn(app, fixture.consultant.username);
    const read = await consultant.request('GET', `/api/reception/selling-points?projectId=${projectId}`);
    expect(
      read.json().items.map((item: { title: string; layout: string }) => [item.title, item.layout]),
    ).toEqual([
      ['南北通透', '三室两厅'],
      ['地铁口物业', ''],
    ]);

    const audit = await database.db
      .selectFrom('auditLog')
      .select(['action', 'beforeJson', 'afterJson'])
      .where('entityType', '=', 'selling_points')
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['replace', 'replace']);
    expect(JSON.parse(audit[1].beforeJson ?? '[]')[0].title).toBe('地铁口物业');
    expect(JSON.parse(audit[1].afterJson ?? '[]')[0].title).toBe('南北通透');

    // Only this consultant is at the desk, so the visitor is theirs in turn (SA-1).
    await database.db
      .updateTable('staff')
      .set({ presence: 'away' })
      .where('id', '=', fixture.consultant2.staffId)
      .execute();
    await database.db
      .updateTable('staff')
      .set({ presence: 'at_desk' })
      .where('id', '=', fixture.consultant.staffId)
      .execute();
    const { visit } = await receiveVisitor(database.db, {
      actor: fixture.consultant,
      projectId,
      input: {
        name: '看房客户',
        gender: 'unknown',
        phones: [],
        isPhoneRefused: true,
        partySize: 1,
        visitorKind: 'buyer',
        sourceChannelId: null,
        intentLayout: '三室两厅',
        intentAreaMin: null,
        intentAreaMax: null,
        intentBudgetFen: null,
        intentPurpose: '',
        notes: '',
        hasContactConsent: false,
        hasMarketingConsent: false,
      },
      now,
    });
    expect(visit.sellingPoints.map((point) => point.title)).toEqual(['南北通透', '地铁口物业']);
  });

  it('SA-6 refuses a layout the project does not have, a repeated title, a blank text and a consultant, and changes nothing', async () => {
    const projectId = fixture.org.salesProjectId;
    const manager = await signIn(app, fixture.manager.username);
    const before = (
      await manager.request('GET', `/api/reception/selling-points?projectId=${projectId}`)
    ).json();
    const wrongLayout = await manager.request(
      'PUT',
      '/api/reception/selling-points',
      {
        projectId,
        items: [
          { title: '复式', body: '挑高 5 米。', layout: '五室三厅' },
          { title: '复式', body: '再说一次。', layout: '五室三厅' },
        ],
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(wrongLayout.statusCode).toBe(400);
    expect(wrongLayout.json().error.fields).toEqual({
      'items.0.layout': '本项目没有这个户型',
      'items.1.layout': '本项目没有这个户型',
      'items.1.title': '标题重复',
    });
    const blank = await manager.request('PUT', '/api/reception/selling-points', {
      projectId,
      items: [{ title: '空', body: '   ', layout: '' }],
    });
    expect(blank.statusCode).toBe(400);
    expect(Object.keys(blank.json().error.fields)).toEqual(['items.0.body']);
    const consultant = await signIn(app, fixture.consultant.username);
    const forbidden = await consultant.request('PUT', '/api/reception/selling-points', {
      projectId,
      items: [],
    });
    expect(forbidden.statusCode).toBe(403);
    const after = (
      await manager.request('GET', `/api/reception/selling-points?projectId=${projectId}`)
    ).json();
    expect(after).toEqual(before);
  });
});

describe('layouts of a project (意向户型)', () => {
  it("lists the project's layouts with unit counts and area range, for sales staff of the project only", async () => {
    const consultant = await signIn(app, fixture.consultant.username);
    const answer = await consultant.request(
      'GET',
      `/api/inventory/projects/${fixture.org.salesProjectId}/layouts`,
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.json().items).toEqual([
      { layout: '三室两厅', unitCount: 3, minAreaDm2: 8950, maxAreaDm2: 8950 },
      { layout: '两室两厅', unitCount: 3, minAreaDm2: 8950, maxAreaDm2: 8950 },
    ]);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/inventory/projects/${fixture.org.salesProjectId}/layouts`,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
