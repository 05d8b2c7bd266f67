import { expect } from 'vitest';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import * as deals from '../deals.service.js';

/** The promise is refused with this AppError code (and the error, to look at further). */
export async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** "Nothing changed": every change writes its audit row, so a refusal leaves the count as it was. */
export async function countAuditRows(db: Db) {
  return Number(
    (
      await db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** The newest plan `actor` made for a unit. */
export async function newestPlanId(db: Db, actor: Actor, unitId: string) {
  const { rows } = await deals.findPlans(db, actor, {
    unitId,
    sort: 'updatedAt',
    order: 'desc',
    offset: 0,
    limit: 5,
  });
  return rows[0].id;
}
