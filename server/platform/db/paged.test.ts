import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { pagedQuery } from './paged.js';

describe('pagedQuery', () => {
  let database: TestDatabase;
  let companyIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    companyIds = [];
    for (let index = 0; index < 3; index++) companyIds.push((await buildOrg(database.db)).companyId);
  });
  afterAll(async () => {
    await database.drop();
  });

  const page = (offset: number, limit: number, countCap?: number) =>
    pagedQuery(
      database.db.selectFrom('projects').where('companyId', 'in', companyIds),
      (query) => query.select(['id']).orderBy('id'),
      { offset, limit },
      countCap === undefined ? {} : { countCap: { rows: countCap, db: database.db } },
    );

  it('counts exactly without a cap, and up to the cap with one (totalIsCapped when more match)', async () => {
    const exact = await page(0, 2);
    const all = exact.total;
    expect(all).toBeGreaterThanOrEqual(6);
    expect(exact.totalIsCapped).toBeUndefined();
    expect(await page(0, 2, 3)).toEqual({ rows: exact.rows, total: 3, totalIsCapped: true });
    // at the cap or under it the count is exact
    expect(await page(0, 2, all)).toEqual({ rows: exact.rows, total: all });
    expect(await page(2, 2, all + 5)).toEqual({ rows: (await page(2, 2)).rows, total: all });
    // a short page tells its total without counting
    expect(await page(all - 1, 5, 1)).toEqual({ rows: [expect.any(Object)], total: all });
  });
});
