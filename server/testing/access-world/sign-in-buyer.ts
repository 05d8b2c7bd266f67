import type { Db } from '../../platform/db/database.js';
import type { AppInstance } from '../../platform/http/types.js';
import type { WorldObject } from './types.js';

/** A buyer of an opening signs in with the code sent to their phone (read back from the demo column); their cookie. */
export async function signInBuyer(
  app: AppInstance,
  db: Db,
  eventId: string,
  buyer: WorldObject,
): Promise<string | undefined> {
  const phoneNumber = buyer.secrets.find((secret) => secret.field === 'buyerPhone')?.value;
  if (!phoneNumber) return undefined;
  const headers = { origin: 'http://localhost' };
  await app.inject({
    method: 'POST',
    url: `/api/public/openings/${eventId}/code`,
    headers,
    payload: { phone: phoneNumber },
  });
  const row = await db
    .selectFrom('openingBuyers')
    .select('demoCode')
    .where('id', '=', buyer.id)
    .executeTakeFirst();
  if (!row?.demoCode) return undefined;
  const response = await app.inject({
    method: 'POST',
    url: `/api/public/openings/${eventId}/session`,
    headers,
    payload: { phone: phoneNumber, code: row.demoCode },
  });
  const cookie = response.cookies.find((item) => item.name === 'yk_buyer');
  return cookie ? `yk_buyer=${cookie.value}` : undefined;
}
