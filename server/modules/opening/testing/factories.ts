import { residentIdCheckCharacter } from '../../../../contracts/resident-id.js';
import type { Db } from '../../../platform/db/database.js';
import type { AppInstance } from '../../../platform/http/types.js';
import type { TestDatabase } from '../../../testing/test-database.js';
import type { InventoryFixture } from '../../inventory/testing/index.js';
import { createOpeningEvent } from '../opening.service.js';

/** A valid resident ID number (GB 11643 check digit computed), one per index. */
export function idNumberFor(index: number): string {
  const base = `11010119900101${String(index).padStart(3, '0')}`;
  return `${base}${residentIdCheckCharacter(base)}`;
}

/** Each buyer asks for a code and signs in with it (read back from the demo column); their cookies. */
export async function signInBuyers(
  app: AppInstance,
  database: TestDatabase,
  eventId: string,
  buyers: Array<{ phone: string }>,
): Promise<string[]> {
  const cookies: string[] = [];
  for (const buyer of buyers) {
    await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/code`,
      payload: { phone: buyer.phone },
    });
    const row = await database.db
      .selectFrom('openingBuyers')
      .select('demoCode')
      .where('eventId', '=', eventId)
      .where('phone', '=', buyer.phone)
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'POST',
      url: `/api/public/openings/${eventId}/session`,
      payload: { phone: buyer.phone, code: row.demoCode },
    });
    cookies.push(`yk_buyer=${response.cookies.find((item) => item.name === 'yk_buyer')!.value}`);
  }
  return cookies;
}

/** An opening of the fixture's sales project, created by its controller, one hour from `startsAt`. */
export function createHourLongOpening(
  db: Db,
  fx: InventoryFixture,
  options: { name: string; startsAt: Date; perBuyerLimit?: number; unitIds: string[]; now: Date },
) {
  return createOpeningEvent(db, {
    actor: fx.controller,
    projectId: fx.org.salesProjectId,
    input: {
      name: options.name,
      startsAt: options.startsAt.toISOString(),
      endsAt: new Date(options.startsAt.getTime() + 3_600_000).toISOString(),
      perBuyerLimit: options.perBuyerLimit ?? 1,
      unitIds: options.unitIds,
    },
    now: options.now,
  });
}
