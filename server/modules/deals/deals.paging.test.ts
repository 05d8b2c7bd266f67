import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import { newId } from '../../platform/db/ids.js';
import { pagedQuery } from '../../platform/db/paged.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { findTransactionFilePage } from './deals.queries.js';

/**
 * A consultant's deal list pages over the terms of their scope (consultant or opener), each read
 * from its own index; the pages and totals must equal those of the plain OR, in every order,
 * with ties, overlaps (the consultant who opened their own deal) and pages past the end.
 */
describe('deal lists paged over the terms of the caller’s scope', () => {
  let database: TestDatabase;
  let org: TestOrg;
  const consultants: Actor[] = [];
  let manager: Actor;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { db } = database;
    org = await buildOrg(db);
    // The first consultant also works in a second project: the list of one project narrows their
    // terms to it, so each is still read in order from its index.
    for (let index = 0; index < 3; index++)
      consultants.push(
        await buildStaff(db, org, {
          roles: [
            { role: 'consultant', projectId: org.salesProjectId },
            ...(index === 0 ? [{ role: 'consultant' as const, projectId: org.estateProjectId }] : []),
          ],
        }),
      );
    manager = await buildStaff(db, org, { roles: [{ role: 'manager', projectId: org.salesProjectId }] });
    const rows = [];
    for (let index = 0; index < 83; index++) {
      const consultant = consultants[index % 3]!;
      // Most deals are opened by a colleague, some by their own consultant (both terms match).
      const opener = index % 4 === 0 ? consultant : consultants[(index + 1) % 3]!;
      const at = new Date(Date.parse('2026-01-01T00:00:00.000Z') + (index % 40) * 3_600_000).toISOString();
      rows.push({
        id: newId(),
        companyId: org.companyId,
        projectId: org.salesProjectId,
        unitId: newId(),
        unitNumber: `${1 + (index % 7)}-${String(index % 11).padStart(3, '0')}`,
        customerId: newId(),
        customerName: `客户${index}`,
        consultantId: consultant.staffId,
        agreementId: newId(),
        planId: newId(),
        depositId: null,
        status: index % 5 === 0 ? ('completed' as const) : ('open' as const),
        priceFen: 100_000_000 + (index % 6) * 1_000_000,
        paymentMethod: 'lump_sum' as const,
        openedAt: at,
        openedBy: opener.staffId,
        downPaymentPaidAt: null,
        contractSignedAt: null,
        mortgageDocsHandedInAt: null,
        responsibilityEndedAt: null,
        handedOverAt: null,
        updatedAt: at,
      });
    }
    await db.insertInto('dealTransactionFiles').values(rows).execute();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('PRIV every page and total equals the plain OR’s, for every order, page size and caller', async () => {
    const { db } = database;
    let compared = 0;
    for (const actor of [...consultants, manager])
      for (const sort of ['openedAt', 'unitNumber', 'priceFen'] as const)
        for (const order of ['asc', 'desc'] as const)
          for (const limit of [7, 20])
            for (let offset = 0; offset <= 28; offset += limit) {
              // Every other page also filters by status (a filter inside each term).
              const status = (offset / limit) % 2 === 1 ? ('open' as const) : undefined;
              const scope = visibility(actor, 'deal');
              const page = { offset, limit, sort, order };
              const filter = { projectId: org.salesProjectId, status };
              const got = await findTransactionFilePage(db, scope, filter, page);
              let plain = db
                .selectFrom('dealTransactionFiles as file')
                .where(
                  scope.condition({
                    companyId: 'file.companyId',
                    projectId: 'file.projectId',
                    participantIds: ['file.consultantId', 'file.openedBy'],
                  }),
                )
                .where('file.projectId', '=', org.salesProjectId);
              if (status) plain = plain.where('file.status', '=', status);
              const expected = await pagedQuery(
                plain,
                (filtered) => filtered.selectAll('file').orderBy(`file.${sort}`, order).orderBy('file.id'),
                page,
              );
              expect(got.total).toBe(expected.total);
              expect(got.rows.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
              compared += 1;
            }
    expect(compared).toBeGreaterThan(100);
    // A consultant sees their own deals and those they opened, each once.
    const mine = await findTransactionFilePage(
      db,
      visibility(consultants[0]!, 'deal'),
      { projectId: org.salesProjectId },
      { offset: 0, limit: 200, sort: 'openedAt', order: 'desc' },
    );
    expect(new Set(mine.rows.map((row) => row.id)).size).toBe(mine.rows.length);
    expect(mine.total).toBe(mine.rows.length);
    expect(
      mine.rows.every(
        (row) => row.consultantId === consultants[0]!.staffId || row.openedBy === consultants[0]!.staffId,
      ),
    ).toBe(true);
  });
});
