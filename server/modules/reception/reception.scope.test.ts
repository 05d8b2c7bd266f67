import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, sessionsOf } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { workbookText } from '../../testing/workbook-text.js';
import { createProject } from '../org/index.js';
import {
  answerCall,
  receiveVisitor,
  saveCallRegister,
  setAnsweringOrder,
  type VisitorInput,
} from './reception.service.js';
import { visitor as buildVisitor } from './testing/reception-office.js';

/**
 * Object scope of reception (issue 13): a sales call and a visit are the answering consultant's,
 * seen by the project's managers too; another consultant, another project, another company and
 * the administrator neither open, change, list, export nor count them. The board and the
 * answering order are the project's.
 */
const now = new Date('2026-11-27T02:00:00.000Z');
const today = '2026-11-27';

type Staff = Actor & { username: string };

let database: TestDatabase;
let app: AppInstance;
let org: TestOrg;
let otherProjectId: string;
let answering: Staff;
let colleague: Staff;
let manager: Staff;
let otherProjectManager: Staff;
let otherCompanyManager: Staff;
let admin: Staff;
let callId: string;
let visitId: string;
let colleagueVisitId: string;

const visitor = (overrides: Partial<VisitorInput> = {}) => buildVisitor({ partySize: 1, ...overrides });

const as = sessionsOf(() => app);

/** An exported workbook's text, once the export answered 200. */
async function exportedText(response: LightMyRequestResponse): Promise<string> {
  expect(response.statusCode).toBe(200);
  return workbookText(response.rawPayload);
}

const ids = (response: LightMyRequestResponse) =>
  (response.json().items as Array<{ id: string }>).map((item) => item.id);

beforeAll(async () => {
  database = await createTestDatabase();
  org = await buildOrg(database.db, now);
  const otherOrg = await buildOrg(database.db, now);
  otherProjectId = (
    await createProject(database.db, {
      actor: org.system,
      input: { name: '另一个楼盘', kind: 'sales', city: '深圳', address: '' },
      now,
    })
  ).id;
  const inProject = (role: 'consultant' | 'manager', projectId = org.salesProjectId) => ({
    roles: [{ role, projectId }],
  });
  answering = await buildStaff(database.db, org, { ...inProject('consultant'), displayName: '艾伦' });
  colleague = await buildStaff(database.db, org, { ...inProject('consultant'), displayName: '贝拉' });
  manager = await buildStaff(database.db, org, { ...inProject('manager'), displayName: '王经理' });
  // Both roles, so every route's role check lets them through to the scope.
  otherProjectManager = await buildStaff(database.db, org, {
    roles: [
      { role: 'manager', projectId: otherProjectId },
      { role: 'consultant', projectId: otherProjectId },
    ],
  });
  otherCompanyManager = await buildStaff(database.db, otherOrg, { roles: ['manager', 'consultant'] });
  admin = await buildStaff(database.db, org, { roles: ['admin'] });

  await setAnsweringOrder(database.db, {
    actor: manager,
    projectId: org.salesProjectId,
    staffIds: [answering.staffId, colleague.staffId],
    now,
  });
  const { call } = await answerCall(database.db, { actor: answering, projectId: org.salesProjectId, now });
  callId = call.id;
  await saveCallRegister(database.db, {
    actor: answering,
    callId,
    input: {
      callerName: '钱私密',
      callerPhone: '13877778888',
      gender: 'male',
      sourceChannelId: null,
      questions: '三房均价?',
      intentLayout: '',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: '',
      result: 'left_contact',
      appointmentAt: null,
      hasContactConsent: true,
      hasMarketingConsent: false,
    },
    now,
  });
  colleagueVisitId = (
    await receiveVisitor(database.db, {
      actor: colleague,
      projectId: org.salesProjectId,
      input: visitor({ name: '同事的客人' }),
      now,
    })
  ).visit.id;
  visitId = (
    await receiveVisitor(database.db, {
      actor: answering,
      projectId: org.salesProjectId,
      input: visitor({ name: '孙私密' }),
      now,
    })
  ).visit.id;
  app = await buildTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database.drop();
});

describe('reception scope: a call and a visit are the answering consultant’s', () => {
  it('another consultant, another project and another company get 404 on the call and the visit', async () => {
    for (const staff of [colleague, otherProjectManager, otherCompanyManager]) {
      const session = await as(staff);
      for (const [method, url, body] of [
        ['PUT', `/api/reception/calls/${callId}`, { callerName: '改名', result: 'info_only' }],
        ['GET', `/api/reception/visits/${visitId}`, undefined],
        ['POST', `/api/reception/visits/${visitId}/steps/greet`, { note: '' }],
      ] as const) {
        const response = await session.request(method, url, body);
        expect(response.statusCode, `${staff.displayName} ${method} ${url} ${response.body}`).toBe(404);
        expect(response.body).not.toContain('孙私密');
      }
    }
    const ofManager = await (await as(manager)).request('GET', `/api/reception/visits/${visitId}`);
    expect(ofManager.statusCode).toBe(200);
    expect(ofManager.json().customer.name).toBe('孙私密');
  });

  it("the call and visit registers, their exports and the call counts leave out a colleague's", async () => {
    const session = await as(colleague);
    const project = `projectId=${org.salesProjectId}`;
    expect(ids(await session.request('GET', `/api/reception/calls?${project}`))).not.toContain(callId);
    expect(
      await exportedText(await session.request('GET', `/api/reception/calls/export?${project}`)),
    ).not.toContain('钱私密');
    const visits = ids(await session.request('GET', `/api/reception/visits?${project}`));
    expect(visits).toContain(colleagueVisitId);
    expect(visits).not.toContain(visitId);
    expect(
      await exportedText(await session.request('GET', `/api/reception/visits/export?${project}`)),
    ).not.toContain('孙私密');
    const stats = await session.request(
      'GET',
      `/api/reception/calls/stats?${project}&dayFrom=${today}&dayTo=${today}`,
    );
    expect(stats.json()).toMatchObject({ total: 0, byStaff: [] });
    // The manager sees and counts them: the filter is not simply empty.
    const managerSession = await as(manager);
    expect(ids(await managerSession.request('GET', `/api/reception/calls?${project}`))).toContain(callId);
    expect(ids(await managerSession.request('GET', `/api/reception/visits?${project}`))).toContain(visitId);
    const counted = await managerSession.request(
      'GET',
      `/api/reception/calls/stats?${project}&dayFrom=${today}&dayTo=${today}`,
    );
    expect(counted.json()).toMatchObject({ total: 1, byStaff: [{ staffId: answering.staffId, count: 1 }] });
  });

  it("a project's board and registers are not found for a manager of another project", async () => {
    const session = await as(otherProjectManager);
    const project = `projectId=${org.salesProjectId}`;
    for (const url of [
      `/api/reception/board?${project}`,
      `/api/reception/calls?${project}`,
      `/api/reception/calls/export?${project}`,
      `/api/reception/calls/stats?${project}&dayFrom=${today}&dayTo=${today}`,
      `/api/reception/visits?${project}`,
      `/api/reception/visits/export?${project}`,
    ]) {
      const response = await session.request('GET', url);
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('the administrator answers no sales call and reads no register', async () => {
    const session = await as(admin);
    const project = `projectId=${org.salesProjectId}`;
    for (const url of [`/api/reception/calls?${project}`, `/api/reception/visits?${project}`]) {
      const response = await session.request('GET', url);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).not.toContain('钱私密');
    }
    const visit = await session.request('GET', `/api/reception/visits/${visitId}`);
    expect(visit.statusCode).toBe(403);
    // The board is the project's (the administrator sets projects up), but answering is sales work.
    const board = await session.request('GET', `/api/reception/board?${project}`);
    expect(board.statusCode).toBe(403);
  });
});
