import { createOpeningEvent, registerBuyers } from '../../modules/opening/index.js';
import { idNumberFor } from '../../modules/opening/testing/index.js';
import { minutes, phone, type SiteContext } from './site.js';

/** An opening with two buyers on the units left for sale. */
export async function buildOpening(ctx: SiteContext, units: { id: string }[]) {
  const { db, site, now, mark, add, projectId, controller } = ctx;
  const startsAt = minutes(now, 60 * 24 * 3);
  const opening = await createOpeningEvent(db, {
    actor: controller,
    projectId,
    input: {
      name: `${mark}开盘`,
      startsAt: startsAt.toISOString(),
      endsAt: minutes(startsAt, 60).toISOString(),
      perBuyerLimit: 1,
      unitIds: units.slice(2).map((unit) => unit.id),
    },
    now,
  });
  add('opening', opening.id, { markers: [`${mark}开盘`], table: 'openingEvents' });
  const buyerBase = site.name === 'p1' ? 200 : site.name === 'p2' ? 300 : 400;
  const buyers = [1, 2].map((index) => ({
    name: `${mark}买家${index}`,
    phone: phone(site.name, 10 + index),
    idNumber: idNumberFor(buyerBase + index),
    pledgeNumber: `${mark}RC${index}`,
    idVerified: true,
  }));
  await registerBuyers(db, { actor: controller, eventId: opening.id, buyers, now });
  const buyerRows = await db
    .selectFrom('openingBuyers')
    .select(['id', 'name', 'phone'])
    .where('eventId', '=', opening.id)
    .execute();
  for (const row of buyerRows) {
    const buyer = buyers.find((item) => item.name === row.name)!;
    add('openingBuyer', row.id, {
      markers: [buyer.name],
      secrets: [
        { value: buyer.phone, field: 'buyerPhone' },
        { value: buyer.idNumber, field: 'idNumber' },
      ],
      table: 'openingBuyers',
    });
  }
}
