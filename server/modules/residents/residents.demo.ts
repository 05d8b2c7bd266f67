import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/database.js';
import { setResidentConsent } from './residents.changes.js';
import { createResident } from './residents.service.js';

const surnames = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林';
const givenNames = [
  '建国',
  '秀英',
  '志强',
  '丽娟',
  '海涛',
  '晓燕',
  '国华',
  '春梅',
  '文斌',
  '雅琴',
  '德明',
  '玉兰',
];

/**
 * Demo data for the property desk: two buildings of 锦绣家园 with owners, household members and
 * tenants by door and room, through the same use case as the register's form. Two of the call
 * desk's demo numbers belong to residents, so the demo desk's pop recognises them.
 */
export async function seedResidentsDemo(
  db: Db,
  options: { actor: Actor; estateProjectId: string; now: Date },
) {
  const { actor, estateProjectId, now } = options;
  const knownCallers = ['13912345678', '13622223333'];
  let index = 0;
  for (const building of ['1栋', '2栋'])
    for (const door of ['1单元', '2单元'])
      for (let floor = 1; floor <= 6; floor++)
        for (const position of [1, 2]) {
          index += 1;
          const room = `${floor}0${position}`;
          const surname = surnames[index % surnames.length]!;
          const name = `${surname}${givenNames[index % givenNames.length]}`;
          const phone = knownCallers[index - 1] ?? `1380013${String(8000 + index).slice(-4)}`;
          const place = {
            projectId: estateProjectId,
            buildingName: building,
            doorName: door,
            room,
            locationText: '',
          };
          const moveInOn = `20${String(18 + (index % 7)).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`;
          const isLet = index % 5 === 0;
          const owner = await createResident(db, {
            actor,
            input: {
              ...place,
              name,
              role: 'owner',
              phones: [phone],
              moveInOn,
              notes: isLet ? '房屋已出租' : '',
            },
            now,
          });
          if (index % 3 !== 0)
            await setResidentConsent(db, {
              actor,
              residentId: owner.id,
              afterSalesCare: true,
              announcements: index % 2 === 0,
              now,
            });
          if (index % 4 === 1)
            await createResident(db, {
              actor,
              input: {
                ...place,
                name: `${surname}${givenNames[(index + 5) % givenNames.length]}`,
                role: 'member',
                phones: [],
                moveInOn,
                notes: '',
              },
              now,
            });
          if (isLet)
            await createResident(db, {
              actor,
              input: {
                ...place,
                name: `${surnames[(index + 7) % surnames.length]}${givenNames[(index + 3) % givenNames.length]}`,
                role: 'tenant',
                phones: [`1371234${String(5000 + index).slice(-4)}`],
                moveInOn: '2025-08-01',
                notes: '',
              },
              now,
            });
        }
}
