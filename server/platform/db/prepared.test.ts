import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { isPostgres } from './database.js';
import { preparedRead, preparedStatement } from './prepared.js';

describe('preparedRead', () => {
  let database: TestDatabase;
  let orgA: TestOrg;
  let orgB: TestOrg;

  beforeAll(async () => {
    database = await createTestDatabase();
    orgA = await buildOrg(database.db);
    orgB = await buildOrg(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  const projects = preparedRead((db, values: { companyId: string; ids: string[]; limit: number }) =>
    db
      .selectFrom('projects')
      .select(['id', 'companyId', 'name'])
      .where('companyId', '=', values.companyId)
      .where('id', 'in', values.ids)
      .where('name', '!=', '')
      .orderBy('id')
      .limit(values.limit),
  );

  const direct = (companyId: string, ids: string[], limit: number) =>
    database.db
      .selectFrom('projects')
      .select(['id', 'companyId', 'name'])
      .where('companyId', '=', companyId)
      .where('id', 'in', ids)
      .orderBy('id')
      .limit(limit)
      .execute();

  it('answers exactly what the same Kysely query answers, with new values on every call', async () => {
    const cases: Array<[string, string[], number]> = [
      [orgA.companyId, [orgA.salesProjectId, orgA.estateProjectId], 10],
      [orgB.companyId, [orgB.salesProjectId, orgB.estateProjectId], 10],
      [orgB.companyId, [orgB.salesProjectId, orgB.estateProjectId], 1],
      [orgA.companyId, [orgB.salesProjectId, orgB.estateProjectId], 10],
    ];
    for (const [companyId, ids, limit] of cases) {
      const rows = await projects(database.db, `in:${ids.length}`, { companyId, ids, limit });
      expect(rows).toEqual(await direct(companyId, ids, limit));
    }
    // the query's own constant ('') stays a constant; rows come back camelCased
    const one = await projects(database.db, 'in:1', {
      companyId: orgA.companyId,
      ids: [orgA.salesProjectId],
      limit: 5,
    });
    expect(one).toEqual([{ id: orgA.salesProjectId, companyId: orgA.companyId, name: expect.any(String) }]);
  });

  it('a statement marked preparedStatement answers with new values every call, and on PostgreSQL is prepared once per connection', async () => {
    const named = (companyId: string) =>
      sql<{
        id: string;
      }>`${preparedStatement} SELECT id FROM projects WHERE company_id = ${companyId} ORDER BY id`;
    const expected = async (companyId: string) =>
      (
        await database.db
          .selectFrom('projects')
          .select('id')
          .where('companyId', '=', companyId)
          .orderBy('id')
          .execute()
      ).map((row) => row.id);
    const answers = new Map([
      [orgA.companyId, await expected(orgA.companyId)],
      [orgB.companyId, await expected(orgB.companyId)],
    ]);
    await database.db.connection().execute(async (connection) => {
      for (const org of [orgA, orgB, orgA, orgB, orgA, orgB, orgA])
        expect((await named(org.companyId).execute(connection)).rows.map((row) => row.id)).toEqual(
          answers.get(org.companyId),
        );
      if (!isPostgres(connection)) return;
      const prepared = await sql<{ name: string }>`
        SELECT name FROM pg_prepared_statements
        WHERE statement LIKE '/* prepared */%SELECT id FROM projects WHERE company_id%'`.execute(connection);
      expect(prepared.rows).toHaveLength(1);
    });
  });
});
