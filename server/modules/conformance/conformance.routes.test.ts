import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { defineCheck, type FactSource, met, missed, type SubjectFacts } from './checks/index.js';
import { scoreSubjects } from './engine.js';
import { rescoreFinished } from './rescore.js';
import { makeRulebook } from './rulebook.js';
import { factSources } from './sources.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

interface RingFacts extends SubjectFacts {
  rings: number;
}

const rings = defineCheck<RingFacts>({
  id: 'CS-1.route-test',
  ruleId: 'CS-1',
  version: 1,
  subjectKind: 'call',
  title: { 'zh-CN': '三声内接听', 'zh-TW': '三聲內接聽', en: 'Answered within 3 rings' },
  evaluate: (facts) => (facts.rings <= 3 ? met() : missed()),
});
const rulebook = makeRulebook([rings] as never, 'route-test');

/** CONF: who sees which scores, the scorecard's figures, the drill-down and their exports. */
describe('conformance routes', () => {
  const clock = createClock('2026-12-07T08:00:00.000Z');
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let other: TestOrg;
  let agent: TestSession;
  let colleague: TestSession;
  let head: TestSession;
  let manager: TestSession;
  let admin: TestSession;
  let outsider: TestSession;
  let agentId: string;
  let colleagueId: string;
  const facts: RingFacts[] = [];
  const source: FactSource<RingFacts> = {
    kind: 'call',
    changed: async () => facts,
    byIds: async (_db, ids) => facts.filter((fact) => ids.includes(fact.id)),
  };
  const query = 'from=2026-12-01&to=2026-12-07';

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    other = await buildOrg(database.db);
    app = await buildTestApp(database, clock);
    const estate = org.estateProjectId;
    const agentActor = await buildStaff(database.db, org, {
      displayName: '客服甲',
      roles: [{ role: 'agent', projectId: estate }],
    });
    const colleagueActor = await buildStaff(database.db, org, {
      displayName: '客服乙',
      departmentId: org.departmentId,
      roles: [{ role: 'agent', projectId: estate }],
    });
    const headActor = await buildStaff(database.db, org, {
      departmentId: org.departmentId,
      roles: [{ role: 'dept_head', projectId: org.salesProjectId }],
    });
    agentId = agentActor.staffId;
    colleagueId = colleagueActor.staffId;
    agent = await signIn(app, agentActor.username);
    colleague = await signIn(app, colleagueActor.username);
    head = await signIn(app, headActor.username);
    manager = await signIn(
      app,
      (await buildStaff(database.db, org, { roles: [{ role: 'manager', projectId: estate }] })).username,
    );
    admin = await signIn(app, (await buildStaff(database.db, org, { roles: ['admin'] })).username);
    outsider = await signIn(app, (await buildStaff(database.db, other, { roles: ['admin'] })).username);
    const call = (
      id: string,
      staffId: string | null,
      ringCount: number,
      deskId: string | null,
    ): RingFacts => ({
      kind: 'call',
      id,
      companyId: org.companyId,
      projectId: estate,
      deskId,
      staffId,
      occurredAt: '2026-12-03T02:00:00.000Z',
      rings: ringCount,
    });
    facts.push(
      call('call-a1', agentId, 2, org.serviceDeskId),
      call('call-a2', agentId, 4, org.serviceDeskId),
      call('call-b1', colleagueId, 5, org.serviceDeskId),
      call('call-desk', null, 6, org.serviceDeskId),
    );
    await scoreSubjects(database.db, facts, clock.now(), { rulebook });
    // In front of the real call source, so the routes read these made-up calls.
    factSources.unshift(source as never);
  });
  afterAll(async () => {
    factSources.splice(factSources.indexOf(source as never), 1);
    await app?.close();
    await database?.drop();
  });

  const scorecard = async (session: TestSession, extra = '') => {
    const response = await session.request('GET', `/api/conformance/scorecard?${query}&level=staff${extra}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('CONF an agent sees only their own scores', async () => {
    const card = await scorecard(agent);
    expect(card.total).toEqual({ met: 1, missed: 1, notApplicable: 0, score: 0.5 });
    expect(card.rows).toEqual([
      { key: agentId, name: '客服甲', met: 1, missed: 1, notApplicable: 0, score: 0.5 },
    ]);
    expect(card.rules[0]).toMatchObject({ ruleId: 'CS-1', checkId: 'CS-1.route-test', missed: 1 });
    const list = await agent.request('GET', `/api/conformance/subjects?${query}`);
    expect(
      list
        .json()
        .items.map((item: { subjectId: string }) => item.subjectId)
        .sort(),
    ).toEqual(['call-a1', 'call-a2']);
    expect((await agent.request('GET', '/api/conformance/subjects/call/call-b1')).statusCode).toBe(404);
    expect((await agent.request('GET', '/api/conformance/subjects/call/call-a2')).statusCode).toBe(200);
  });

  it('CONF a department head sees their department and the desks of their projects; a manager their projects', async () => {
    expect((await scorecard(colleague)).total.missed).toBe(1);
    // The head's grant is on the sales project: the estate's desk is not theirs, their department's agent is.
    expect((await scorecard(head)).total).toMatchObject({ met: 0, missed: 1 });
    expect((await scorecard(manager)).total).toMatchObject({ met: 1, missed: 3 });
    expect((await scorecard(admin)).total).toMatchObject({ met: 1, missed: 3 });
    expect((await scorecard(outsider)).total).toMatchObject({ met: 0, missed: 0, score: null });
    expect((await outsider.request('GET', '/api/conformance/subjects/call/call-a1')).statusCode).toBe(404);
  });

  it('CONF the scorecard groups by desk and project, trends by week, and drills down to a rule', async () => {
    const byDesk = await admin.request('GET', `/api/conformance/scorecard?${query}&level=desk&period=week`);
    expect(byDesk.json().rows.find((row: { name: string }) => row.name === '客户服务中心')).toMatchObject({
      missed: 3,
    });
    expect(byDesk.json().trend).toEqual([
      { start: '2026-11-30', end: '2026-12-06', met: 1, missed: 3, notApplicable: 0, score: 0.25 },
      { start: '2026-12-07', end: '2026-12-13', met: 0, missed: 0, notApplicable: 0, score: null },
    ]);
    // The administrator sees the figures, not the calls behind them (desk records are the desk's).
    const adminList = await admin.request('GET', `/api/conformance/subjects?${query}`);
    expect(adminList.json().total).toBe(0);
    expect((await admin.request('GET', '/api/conformance/subjects/call/call-a2')).statusCode).toBe(404);
    const missedOnes = await manager.request(
      'GET',
      `/api/conformance/subjects?${query}&checkId=CS-1.route-test&status=missed&sort=missed`,
    );
    expect(missedOnes.json().total).toBe(3);
    expect(missedOnes.json().items[0].missedChecks[0].title.en).toBe('Answered within 3 rings');
    const met = await manager.request('GET', `/api/conformance/subjects?${query}&ruleId=CS-1&status=met`);
    expect(met.json().items.map((item: { subjectId: string }) => item.subjectId)).toEqual(['call-a1']);
  });

  it('CONF the scorecard tells the administrator the drill-down is empty by design, not others', async () => {
    const adminCard = await scorecard(admin);
    expect(adminCard.total.missed).toBe(3);
    expect(adminCard.recordsHidden).toBe(true);
    expect((await admin.request('GET', `/api/conformance/subjects?${query}`)).json().total).toBe(0);
    for (const session of [agent, head, manager])
      expect((await scorecard(session)).recordsHidden).toBe(false);
    expect((await scorecard(manager, '&mine=true')).recordsHidden).toBe(false);
  });

  it('CONF every view exports to Excel', async () => {
    for (const url of [
      `/api/conformance/scorecard/export?${query}&level=team`,
      `/api/conformance/subjects/export?${query}`,
    ]) {
      const response = await manager.request('GET', url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
    }
  });

  it('CONF a period ending before it starts is refused', async () => {
    const response = await admin.request('GET', '/api/conformance/scorecard?from=2026-12-07&to=2026-12-01');
    expect(response.statusCode).toBe(400);
  });

  it('CONF only the administrator rescores everything, with progress', async () => {
    expect((await manager.request('POST', '/api/conformance/rescore')).statusCode).toBe(403);
    const started = await admin.request('POST', '/api/conformance/rescore');
    expect(started.statusCode).toBe(200);
    expect(started.json().state).toBe('running');
    const finished = await rescoreFinished(database.db, org.companyId);
    expect(finished.state).toBe('done');
    expect((await admin.request('GET', '/api/conformance/rescore')).json().state).toBe('done');
  });
});
