import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, type TestOrg } from '../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { preparedRead } from './prepared.js';

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
});
