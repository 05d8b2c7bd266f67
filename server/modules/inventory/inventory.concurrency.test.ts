import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/errors.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildTestApp, createClock, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { soldStatuses, unitStatuses } from './inventory.rules.js';
import * as inventory from './inventory.service.js';
import { buildCustomer, buildInventory, type InventoryFixture } from './testing/index.js';

describe('no double-sell', () => {
  let database: TestDatabase;
  let fx: InventoryFixture;
  let app: AppInstance;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 20 });
    fx = await buildInventory(database.db, { floors: 5, perFloor: 4 });
    app = await buildTestApp(database, createClock());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('INV 200 concurrent hold attempts at one unit over HTTP: exactly one wins, 199 get 409 UNIT_NOT_AVAILABLE', async () => {
    const sessions: Array<{ session: TestSession; customerId: string }> = [];
    for (const consultant of [fx.consultant, fx.consultant2, fx.controller, fx.manager])
      sessions.push({
        session: await signIn(app, consultant.username),
        customerId: await buildCustomer(database.db, fx.org, {
          projectId: fx.org.salesProjectId,
          ownerStaffId: consultant.staffId,
        }),
      });
    const unitId = fx.unitIds[0];
    const attempts = Array.from({ length: 200 }, (_, index) => {
      const { session, customerId } = sessions[index % sessions.length];
      return fetch(`${baseUrl}/api/inventory/units/${unitId}/hold`, {
        method: 'POST',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ customerId }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string } },
      }));
    });
    const results = await Promise.all(attempts);
    const won = results.filter((result) => result.status === 200);
    const lost = results.filter((result) => result.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(199);
    expect(lost.every((result) => result.body.error?.code === 'UNIT_NOT_AVAILABLE')).toBe(true);
    const history = await database.db
      .selectFrom('unitHistory')
      .select('action')
      .where('unitId', '=', unitId)
      .execute();
    expect(history.filter((row) => row.action === 'hold')).toHaveLength(1);
  });

  it('INV two moves in the same millisecond are listed newest first, in the order they were made', async () => {
    const { db } = database;
    const unitId = fx.unitIds[5];
    const now = new Date('2026-11-28T08:00:00.000Z');
    const move = (from: inventory.TransitionOptions['from'], to: inventory.TransitionOptions['to']) =>
      db
        .transaction()
        .execute((trx) => inventory.transitionUnit(trx, { actor: fx.manager, unitId, from, to, now }));
    for (let round = 0; round < 10; round += 1) {
      await move(['for_sale'], 'not_for_sale');
      await move(['not_for_sale'], 'for_sale');
    }
    const history = await inventory.findUnitHistory(db, fx.manager, unitId);
    expect(history.slice(0, 2).map((entry) => entry.toStatus)).toEqual(['for_sale', 'not_for_sale']);
    expect(history.filter((entry) => entry.at === now.toISOString()).map((entry) => entry.toStatus)).toEqual(
      Array.from({ length: 10 }, () => ['for_sale', 'not_for_sale']).flat(),
    );
  });

  it('INV random sequences of moves keep the invariants: legal statuses, one holder, one buyer, history matches', async () => {
    const { db } = database;
    const actors: Actor[] = [fx.consultant, fx.consultant2, fx.controller, fx.manager];
    const customers = await Promise.all(
      actors.map((actor) =>
        buildCustomer(db, fx.org, { projectId: fx.org.salesProjectId, ownerStaffId: actor.staffId }),
      ),
    );
    const units = fx.unitIds.slice(1, 5);
    let clock = new Date('2026-11-28T00:00:00.000Z').getTime();
    const op = fc.record({
      kind: fc.constantFrom(
        'hold',
        'release',
        'extend',
        'deposit',
        'subscribe',
        'contract',
        'sell',
        'cancel',
        'reserve',
        'unreserve',
        'withdraw',
        'open',
        'tick',
      ),
      unit: fc.nat(units.length - 1),
      actor: fc.nat(actors.length - 1),
      customer: fc.nat(customers.length - 1),
      advance: fc.integer({ min: 0, max: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        for (const step of ops) {
          clock += step.advance * 60_000;
          const now = new Date(clock);
          const actor = actors[step.actor];
          const unitId = units[step.unit];
          const customerId = customers[step.customer];
          const move = (from: inventory.TransitionOptions['from'], to: inventory.TransitionOptions['to']) =>
            db
              .transaction()
              .execute((trx) => inventory.transitionUnit(trx, { actor, unitId, from, to, customerId, now }));
          try {
            switch (step.kind) {
              case 'hold':
                await inventory.holdUnit(db, { actor, unitId, customerId, now });
                break;
              case 'release':
                await inventory.releaseHold(db, { actor, unitId, now });
                break;
              case 'extend':
                await inventory.extendHold(db, { actor, unitId, now });
                break;
              case 'deposit':
                await move(['held'], 'deposited');
                break;
              case 'subscribe':
                await move(['deposited'], 'subscribed');
                break;
              case 'contract':
                await move(['subscribed'], 'contracted');
                break;
              case 'sell':
                await move(['contracted'], 'sold');
                break;
              case 'cancel':
                await move(['deposited', 'subscribed'], 'for_sale');
                break;
              case 'reserve':
                await move(['for_sale'], 'reserved');
                break;
              case 'unreserve':
                await move(['reserved'], 'for_sale');
                break;
              case 'withdraw':
                await move(['for_sale'], 'not_for_sale');
                break;
              case 'open':
                await move(['not_for_sale'], 'for_sale');
                break;
              case 'tick':
                await inventory.expireHolds(db, { now });
                break;
            }
          } catch (error) {
            // Refusals are normal answers; anything else is a bug.
            if (!(error instanceof AppError)) throw error;
            expect([
              'UNIT_NOT_AVAILABLE',
              'TRANSITION_FORBIDDEN',
              'ILLEGAL_TRANSITION',
              'HOLD_MISMATCH',
              'FORBIDDEN',
              'NOT_FOUND',
            ]).toContain(error.code);
          }
          const rows = await db.selectFrom('units').selectAll().where('id', 'in', units).execute();
          for (const row of rows) {
            expect(unitStatuses).toContain(row.status);
            if (row.status === 'held') {
              expect(row.holderStaffId).not.toBeNull();
              expect(row.holdCustomerId).not.toBeNull();
              expect(row.holdExpiresAt).not.toBeNull();
            } else {
              expect(row.holdCustomerId).toBeNull();
              expect(row.holdExpiresAt).toBeNull();
            }
            if ((soldStatuses as readonly string[]).includes(row.status))
              expect(row.buyerCustomerId).not.toBeNull();
            else expect(row.buyerCustomerId).toBeNull();
            const [last] = await db
              .selectFrom('unitHistory')
              .select(['toStatus'])
              .where('unitId', '=', row.id)
              .orderBy('at', 'desc')
              .orderBy('id', 'desc')
              .limit(1)
              .execute();
            if (last && last.toStatus !== row.status) {
              // Only an expiry recorded at the hold's own end time may be ordered before a later move.
              expect(row.status).toBe('for_sale');
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
