import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import {
  defineCheck,
  type FactSource,
  met,
  missed,
  notApplicable,
  pending,
  type SubjectFacts,
} from './checks/index.js';
import { rescoreAll, scoreChanges, scoreSubjects } from './engine.js';
import { makeRulebook } from './rulebook.js';
import { summarizeConformance } from './summary.js';

/** A synthetic call: the engine is proven with its own checks, the real ones come from their sources. */
interface TestCallFacts extends SubjectFacts {
  kind: 'call';
  rings: number | null;
  ringLimit: number;
  callbackDueAt: string | null;
  calledBackAt: string | null;
  changedAt: string;
}

const ringsCheck = defineCheck<TestCallFacts>({
  id: 'CS-1.test-rings',
  ruleId: 'CS-1',
  version: 1,
  subjectKind: 'call',
  title: { 'zh-CN': '三声内接听', 'zh-TW': '三聲內接聽', en: 'Answered within the limit' },
  evaluate: (facts) => {
    if (facts.rings === null) return notApplicable();
    const evidence = { label: { 'zh-CN': '响铃', 'zh-TW': '響鈴', en: 'Rings' }, value: String(facts.rings) };
    return facts.rings <= facts.ringLimit ? met(evidence) : missed(evidence);
  },
});

const callbackCheck = defineCheck<TestCallFacts>({
  id: 'CS-3.test-callback',
  ruleId: 'CS-3',
  version: 1,
  subjectKind: 'call',
  title: { 'zh-CN': '按时回电', 'zh-TW': '按時回電', en: 'Called back in time' },
  evaluate: (facts, now) => {
    if (facts.callbackDueAt === null) return notApplicable();
    if (facts.calledBackAt !== null && facts.calledBackAt <= facts.callbackDueAt) return met();
    if (now.toISOString() < facts.callbackDueAt) return pending(facts.callbackDueAt);
    return missed();
  },
});

const rulebook = makeRulebook([ringsCheck, callbackCheck] as never, 'test-v1');

function memorySource(rows: Map<string, TestCallFacts>): FactSource<TestCallFacts> {
  const sorted = () => [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    kind: 'call',
    changed: async (_db, { since, afterId, limit }) =>
      sorted()
        .filter((row) => (since === null || row.changedAt >= since) && (afterId === null || row.id > afterId))
        .slice(0, limit),
    byIds: async (_db, ids) => sorted().filter((row) => ids.includes(row.id)),
  };
}

describe('CONF scoring engine', () => {
  let database: TestDatabase;
  let org: TestOrg;
  let agentId: string;
  const rows = new Map<string, TestCallFacts>();
  const source = memorySource(rows);
  const now = new Date('2026-12-07T02:00:00.000Z');
  const call = (id: string, changes: Partial<TestCallFacts> = {}): TestCallFacts => ({
    kind: 'call',
    id,
    companyId: org.companyId,
    projectId: org.estateProjectId,
    deskId: org.serviceDeskId,
    staffId: agentId,
    occurredAt: '2026-12-07T01:00:00.000Z',
    rings: 2,
    ringLimit: 3,
    callbackDueAt: null,
    calledBackAt: null,
    changedAt: '2026-12-07T01:05:00.000Z',
    ...changes,
  });
  const day = '2026-12-07';
  const summary = () => summarizeConformance(database.db, { companyId: org.companyId, from: day, to: day });

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    agentId = (await buildStaff(database.db, org, { displayName: '客服小王' })).staffId;
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    rows.clear();
    await rescoreAll(database.db, { now, sources: [source], rulebook });
  });

  it('CONF scores every check and files the counts under the Asia/Shanghai day', async () => {
    rows.set('c1', call('c1', { rings: 2 }));
    rows.set('c2', call('c2', { rings: 4 }));
    rows.set('c3', call('c3', { rings: null, staffId: null, occurredAt: '2026-12-06T16:30:00.000Z' }));
    await rescoreAll(database.db, { now, sources: [source], rulebook });
    const figures = await summary();
    expect(figures).toMatchObject({ met: 1, missed: 1, notApplicable: 4, score: 0.5 });
    expect(figures.byRule[0]).toMatchObject({ checkId: 'CS-1.test-rings', met: 1, missed: 1 });
    expect(figures.worst).toEqual([
      {
        subjectKind: 'call',
        subjectId: 'c2',
        occurredAt: '2026-12-07T01:00:00.000Z',
        staffName: '客服小王',
        missedChecks: [{ checkId: 'CS-1.test-rings', title: ringsCheck.title }],
      },
    ]);
  });

  it('CONF rescoring a changed subject moves its counts instead of adding them twice', async () => {
    rows.set('c1', call('c1', { rings: 2 }));
    await rescoreAll(database.db, { now, sources: [source], rulebook });
    const again = await scoreSubjects(database.db, [call('c1', { rings: 2 })], now, { rulebook });
    expect(again).toEqual({ scored: 1, written: 0 });
    await scoreSubjects(database.db, [call('c1', { rings: 5 })], now, { rulebook });
    expect(await summary()).toMatchObject({ met: 0, missed: 1, notApplicable: 1, score: 0 });
    // Moved to another agent and day: the old day's counts go to zero.
    await scoreSubjects(
      database.db,
      [call('c1', { rings: 1, occurredAt: '2026-12-08T01:00:00.000Z' })],
      now,
      {
        rulebook,
      },
    );
    expect(await summary()).toMatchObject({ met: 0, missed: 0, notApplicable: 0, score: null });
  });

  it('CONF a pending check is scored again once its deadline passes', async () => {
    rows.set('c1', call('c1', { callbackDueAt: '2026-12-07T03:00:00.000Z', changedAt: now.toISOString() }));
    const first = new Date('2026-12-07T02:05:00.000Z');
    await scoreChanges(database.db, { now: first, sources: [source], rulebook, overlapMs: 0 });
    const stored = await database.db
      .selectFrom('conformanceScores')
      .selectAll()
      .where('subjectId', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ outcomes: 'mp', pending: 1, recheckAt: '2026-12-07T03:00:00.000Z' });
    const later = new Date('2026-12-07T03:30:00.000Z');
    expect(
      await scoreChanges(database.db, { now: later, sources: [source], rulebook, overlapMs: 0 }),
    ).toEqual({
      scored: 0,
      rechecked: 1,
    });
    expect(await summary()).toMatchObject({ met: 1, missed: 1 });
  });

  it('CONF incremental scoring reads only what changed since the last run', async () => {
    await rescoreAll(database.db, { now, sources: [source], rulebook });
    rows.set('c9', call('c9', { rings: 9, changedAt: '2026-12-07T02:10:00.000Z' }));
    rows.set('c0', call('c0', { rings: 1, changedAt: '2026-12-07T00:00:00.000Z' }));
    const result = await scoreChanges(database.db, {
      now: new Date('2026-12-07T02:20:00.000Z'),
      sources: [source],
      rulebook,
    });
    expect(result.scored).toBe(1);
    expect(await summary()).toMatchObject({ met: 0, missed: 1 });
  });

  it('CONF a rescoring from scratch stops when cancelled and keeps what it scored', async () => {
    for (let index = 0; index < 30; index++)
      rows.set(`d${String(index).padStart(2, '0')}`, call(`d${index}`));
    const controller = new AbortController();
    const result = await rescoreAll(database.db, {
      now,
      sources: [source],
      rulebook,
      pageSize: 10,
      onProgress: ({ scored }) => {
        if (scored >= 10) controller.abort();
      },
      signal: controller.signal,
    });
    expect(result).toEqual({ scored: 10, cancelled: true });
    expect((await summary()).met).toBe(10);
  });

  it('CONF a score read back after the rulebook changed subtracts by the rulebook that scored it', async () => {
    rows.set('c1', call('c1', { rings: 5 }));
    await rescoreAll(database.db, { now, sources: [source], rulebook });
    const reordered = makeRulebook([callbackCheck, ringsCheck] as never, 'test-v2');
    await scoreSubjects(database.db, [call('c1', { rings: 1 })], now, { rulebook: reordered });
    expect(await summary()).toMatchObject({ met: 1, missed: 0, notApplicable: 1 });
  });
});
