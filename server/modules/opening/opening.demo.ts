import { residentIdCheckCharacter } from '../../../contracts/resident-id.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { seedInventoryDemo, transitionUnit } from '../inventory/index.js';

import { applyPicks } from './opening.picks.js';
import { createOpeningEvent, registerBuyers } from './opening.service.js';

function idNumberFor(index: number): string {
  const base =
    `44030519${String(80 + (index % 15)).padStart(2, '0')}0${(index % 9) + 1}1${String(index).padStart(1, '0').slice(-1)}${String(100 + index).slice(-3)}`.slice(
      0,
      17,
    );
  return `${base}${residentIdCheckCharacter(base)}`;
}

const surnames = ['陈', '林', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '罗', '梁'];
const givenNames = [
  '志明',
  '秀英',
  '建华',
  '丽娟',
  '国强',
  '海燕',
  '晓东',
  '雪梅',
  '文杰',
  '慧敏',
  '永刚',
  '春兰',
  '子轩',
  '欣怡',
  '宇航',
];

/**
 * The sales-control demo of 翠湖花园: units and prices (inventory), a past opening whose picks
 * became deposits (some since subscribed, contracted or sold), and an opening starting tomorrow at
 * 10:00 with registered, ID-checked buyers who can sign in on /open/<id> (codes show in the console).
 */
export async function seedSalesControlDemo(
  db: Db,
  options: { companyId: string; salesProjectId: string; staffIds: Map<string, string>; now: Date },
) {
  const { companyId, salesProjectId, staffIds, now } = options;
  const staff = (username: string, displayName: string, role: 'controller' | 'manager'): Actor => ({
    staffId: staffIds.get(username)!,
    companyId,
    displayName,
    locale: 'zh-CN',
    grants: [{ role, projectId: salesProjectId }],
  });
  const controller = staff('controller', '李娜', 'controller');
  const manager = staff('manager', '王建国', 'manager');
  const units = await seedInventoryDemo(db, { actors: { controller, manager }, salesProjectId, now });

  // The first opening, a week ago: 12 buyers picked in the 1栋 middle floors.
  const past = new Date(now.getTime() - 7 * 86_400_000);
  const offered = units.filter((unit) => unit.label.startsWith('1栋') && unit.floor >= 6 && unit.floor <= 12);
  const firstEvent = await createOpeningEvent(db, {
    actor: controller,
    projectId: salesProjectId,
    input: {
      name: '翠湖花园首次开盘',
      startsAt: past.toISOString(),
      endsAt: new Date(past.getTime() + 2 * 3_600_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: offered.map((unit) => unit.id),
    },
    now: past,
  });
  const firstBuyers = await registerBuyers(db, {
    actor: controller,
    eventId: firstEvent.id,
    buyers: Array.from({ length: 12 }, (_, index) => ({
      name: `${surnames[index]}${givenNames[index]}`,
      phone: `1380013${String(1000 + index).slice(-4)}`,
      idNumber: idNumberFor(index),
      pledgeNumber: `RC${String(index + 1).padStart(3, '0')}`,
      idVerified: true,
    })),
    now: past,
  });
  const pickAt = new Date(past.getTime() + 60_000);
  const picked = offered.filter((_, index) => index % 4 === 1).slice(0, firstBuyers.length);
  await db.transaction().execute((trx) =>
    applyPicks(
      trx,
      picked.map((unit, index) => ({
        eventId: firstEvent.id,
        projectId: salesProjectId,
        companyId,
        unitId: unit.id,
        buyerId: firstBuyers[index].id,
        buyerName: firstBuyers[index].name,
        customerId: null,
        perBuyerLimit: 1,
        now: new Date(pickAt.getTime() + index * 7_000),
      })),
    ),
  );
  // Since then some went on: subscription sealed (SA-13), contracts signed, one completed.
  const steps: Array<Array<'subscribed' | 'contracted' | 'sold'>> = [
    ['subscribed'],
    ['subscribed', 'contracted'],
    ['subscribed', 'contracted', 'sold'],
    ['subscribed'],
  ];
  for (const [index, path] of steps.entries()) {
    let from: 'deposited' | 'subscribed' | 'contracted' = 'deposited';
    for (const to of path) {
      await db
        .transaction()
        .execute((trx) =>
          transitionUnit(trx, { actor: manager, unitId: picked[index].id, from: [from], to, now }),
        );
      from = to === 'sold' ? 'contracted' : to;
    }
  }

  // The next opening: tomorrow 10:00 Beijing time, 2栋 floors 10–16, five buyers ready.
  const tomorrow = new Date(now.getTime() + 86_400_000);
  const startsAt = new Date(
    `${new Date(tomorrow.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}T02:00:00.000Z`,
  );
  const next = await createOpeningEvent(db, {
    actor: controller,
    projectId: salesProjectId,
    input: {
      name: '2栋加推线上开盘',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      perBuyerLimit: 1,
      unitIds: units
        .filter((unit) => unit.label.startsWith('2栋') && unit.floor >= 10)
        .map((unit) => unit.id),
    },
    now,
  });
  await registerBuyers(db, {
    actor: controller,
    eventId: next.id,
    buyers: Array.from({ length: 5 }, (_, index) => ({
      name: `${surnames[14 - index]}${givenNames[14 - index]}`,
      phone: `1390000000${index + 1}`,
      idNumber: idNumberFor(50 + index),
      pledgeNumber: `JT${String(index + 1).padStart(3, '0')}`,
      idVerified: true,
    })),
    now,
  });
  return { nextEventId: next.id };
}
