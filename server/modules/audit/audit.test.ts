import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { buildTestApp, signIn } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createProject } from '../org/index.js';
import { hashAuditRow } from './audit.rules.js';
import { verifyAuditChain, writeAudit } from './index.js';

describe('AUD audit chain', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => database.drop());

  it('AUD writes an audit row in the same transaction as the change', async () => {
    const org = await buildOrg(database.db);
    const rows = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'project')
      .execute();
    expect(rows.map((row) => row.entityId)).toContain(org.salesProjectId);
    const failed = database.db.transaction().execute(async (trx) => {
      await writeAudit(trx, { actor: org.system, entityType: 'test', entityId: 'x', action: 'create' });
      throw new Error('roll back');
    });
    await expect(failed).rejects.toThrow('roll back');
    const orphan = await database.db
      .selectFrom('auditLog')
      .select('seq')
      .where('entityType', '=', 'test')
      .execute();
    expect(orphan).toHaveLength(0);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('AUD verify detects a row edited behind the app’s back', async () => {
    const org = await buildOrg(database.db);
    await createProject(database.db, {
      actor: org.system,
      input: { name: '第三个项目', kind: 'sales', city: '', address: '' },
      now: new Date(),
    });
    const before = await verifyAuditChain(database.db);
    expect(before.ok).toBe(true);
    expect(before.checkedRows).toBeGreaterThan(3);
    await sql`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2`.execute(database.db);
    const after = await verifyAuditChain(database.db);
    expect(after.ok).toBe(false);
    expect(after.firstBreak).toEqual({ seq: 2, reason: 'hash_mismatch' });
  });

  it('AUD verify detects a deleted row and a deleted tail', async () => {
    const org = await buildOrg(database.db);
    await buildStaff(database.db, org);
    await sql`DELETE FROM audit_log WHERE seq = 3`.execute(database.db);
    expect((await verifyAuditChain(database.db)).firstBreak).toEqual({ seq: 3, reason: 'gap' });

    const fresh = await createTestDatabase();
    try {
      await buildOrg(fresh.db);
      const { seq } = await fresh.db.selectFrom('auditHead').select('seq').executeTakeFirstOrThrow();
      await sql`DELETE FROM audit_log WHERE seq = ${Number(seq)}`.execute(fresh.db);
      expect((await verifyAuditChain(fresh.db)).firstBreak?.reason).toBe('head_mismatch');
    } finally {
      await fresh.drop();
    }
  });

  it('AUD keeps one unbroken chain under concurrent audited transactions', async () => {
    const org = await buildOrg(database.db);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        createProject(database.db, {
          actor: org.system,
          input: { name: `并发项目${index}`, kind: 'sales', city: '', address: '' },
          now: new Date(),
        }),
      ),
    );
    const result = await verifyAuditChain(database.db, 7);
    expect(result.ok).toBe(true);
  });

  it('AUD a row with quotes, backslashes, control characters, CJK and emoji hashes the same in the database and in JavaScript', async () => {
    const org = await buildOrg(database.db);
    const awkward = '引号"\'单引号\\反斜杠\n换行\t制表\u0001控制 🏠 \u2028';
    await database.db.transaction().execute(async (trx) => {
      await writeAudit(trx, {
        actor: { ...org.system, displayName: awkward, requestId: 'req-"1"' },
        entityType: 'test',
        entityId: awkward,
        action: 'update',
        before: { note: awkward },
        after: { note: awkward, amount: '1234.50' },
        at: new Date('2026-11-28T01:02:03.004Z'),
      });
    });
    const row = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'test')
      .executeTakeFirstOrThrow();
    expect(row.entityId).toBe(awkward);
    expect(row.afterJson).toBe(JSON.stringify({ note: awkward, amount: '1234.50' }));
    expect(row.hash).toBe(hashAuditRow({ ...row, seq: Number(row.seq) }));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});

describe('AUD canonical hash form', () => {
  it('AUD hashes a fixed row to the digest chains written before expect', () => {
    const awkward = '引号"\'单引号\\反斜杠\n换行\t制表\u0001控制 🏠 \u2028';
    const row = {
      seq: 7,
      at: '2026-11-28T01:02:03.004Z',
      actorId: 'staff-1',
      actorName: awkward,
      projectId: null,
      entityType: 'test',
      entityId: awkward,
      action: 'update',
      beforeJson: JSON.stringify({ note: awkward }),
      afterJson: JSON.stringify({ note: awkward, amount: '1234.50' }),
      requestId: 'req-"1"',
      prevHash: '0'.repeat(64),
    };
    // sha256 of JSON.stringify([seq, at, actorId, …, requestId, prevHash]) for this row, fixed by hand.
    expect(hashAuditRow(row)).toBe('a882e11afc1ab5fbe9dd6bb4c978de55ea1e690ed3c525465fcf00d387cb0e0c');
  });
});

describe('reading the audit log', () => {
  let database: TestDatabase;
  let app: AppInstance;
  beforeEach(async () => {
    database = await createTestDatabase();
    app = await buildTestApp(database);
  });
  afterEach(async () => {
    await app.close();
    await database.drop();
  });

  it("shows a company's readers only their company's rows, a project's manager only their project's", async () => {
    const org = await buildOrg(database.db);
    const other = await buildOrg(database.db);
    const admin = await buildStaff(database.db, org, { roles: ['admin'] });
    const dpo = await buildStaff(database.db, org, { roles: ['dpo'] });
    const manager = await buildStaff(database.db, org, {
      roles: [{ role: 'manager', projectId: org.estateProjectId }],
    });
    const stranger = await buildStaff(database.db, other, { roles: ['admin'] });
    const entry = (actor: typeof admin, entityId: string, projectId: string | null) =>
      database.db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, { actor, entityType: 'test', entityId, action: 'touch', projectId }),
        );
    await entry(admin, 'ours-company', null);
    await entry(admin, 'ours-estate', org.estateProjectId);
    await entry(admin, 'ours-sales', org.salesProjectId);
    await entry(stranger, 'theirs-company', null);
    await entry(stranger, 'theirs-estate', other.estateProjectId);
    const seen = async (person: typeof admin) =>
      (await (await signIn(app, person.username)).request('GET', '/api/audit?entityType=test&pageSize=100'))
        .json()
        .items.map((row: { entityId: string }) => row.entityId)
        .sort();
    expect(await seen(admin)).toEqual(['ours-company', 'ours-estate', 'ours-sales']);
    expect(await seen(dpo)).toEqual(['ours-company', 'ours-estate', 'ours-sales']);
    expect(await seen(manager)).toEqual(['ours-company', 'ours-estate']);
    expect(await seen(stranger)).toEqual(['theirs-company', 'theirs-estate']);
  });
});
