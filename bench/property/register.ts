import type SqliteDatabase from 'better-sqlite3';
import { placeKeyOf } from '../../server/modules/residents/testing/index.js';
import { newId } from '../../server/platform/db/ids.js';
import { namePinyin } from '../../server/platform/text/pinyin.js';
import { assertSameShape, bulkWriter, isoDay, type Random } from './bulk.js';
import { type Estate, flatsPerFloor, type TemplateRows } from './setup.js';

// The residents register of bench:property, written as the register's form writes it
// (residents.service.ts: insertResidentInTransaction, replacePhones, setResidentConsent): every
// household of the estates' buildings, door by door and floor by floor, has an owner, often
// household members, sometimes a tenant; phones in E.164 with their last four digits; a few
// moved out; new owners (moved in within a year) with their sales consultant.

const surnames = '王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹';
const givenNames = ['建国', '秀英', '志强', '丽娟', '海涛', '晓燕', '国华', '春梅', '文斌', '雅琴'].concat([
  '德明',
  '玉兰',
  '子轩',
  '欣怡',
  '浩然',
  '梓涵',
  '俊杰',
  '诗雨',
  '宇航',
  '佳怡',
  '明辉',
  '静',
  '磊',
  '婷',
]);
/** Mobile prefixes of the register's numbers; unknown callers ring from 199 numbers, which no resident has. */
const prefixes = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '186',
  '187',
  '188',
];

export interface Household {
  buildingName: string;
  doorName: string;
  room: string;
  /** Who lives there now and can call: name and first phone (E.164). */
  callers: Array<{ name: string; phone: string }>;
}

export interface RegisterResult {
  residents: number;
  phones: number;
  households: Map<string, Household[]>;
  /** Numbers of residents who live there now, for the caller pop. */
  knownNumbers: string[];
}

export function storeRegister(
  sqlite: SqliteDatabase.Database,
  options: {
    estates: Estate[];
    total: number;
    template: TemplateRows;
    consultants: string[];
    agents: string[];
    now: number;
    random: Random;
    log: (text: string) => void;
  },
): RegisterResult {
  const { estates, template, random, now } = options;
  const residentColumns = Object.keys(template.resident);
  const phoneColumns = Object.keys(template.phone);
  const residents = bulkWriter(sqlite, 'residents', residentColumns);
  const phones = bulkWriter(sqlite, 'resident_phones', phoneColumns, 200);
  const pinyin = new Map<string, { full: string; initials: string }>();
  const today = isoDay(now);
  const day = 86_400_000;
  let phoneCounter = 0;
  let checked = false;
  const knownNumbers: string[] = [];
  const households = new Map<string, Household[]>();
  const nextPhone = () => {
    phoneCounter += 1;
    // A bijection of the counter onto 8 digits per prefix: every number distinct.
    const body = (Math.floor(phoneCounter / prefixes.length) * 9_973 + 4_321) % 100_000_000;
    return `+86${prefixes[phoneCounter % prefixes.length]}${String(body).padStart(8, '0')}`;
  };
  const addResident = (
    estate: Estate,
    place: { buildingId: string; buildingName: string; doorId: string; doorName: string; room: string },
    person: {
      role: 'owner' | 'member' | 'tenant';
      moveInMs: number;
      moveOutMs: number | null;
      phoneCount: number;
      consultant: string | null;
    },
  ) => {
    const name = `${random.pick([...surnames])}${random.pick(givenNames)}`;
    let spelled = pinyin.get(name);
    if (!spelled) {
      spelled = namePinyin(name);
      pinyin.set(name, spelled);
    }
    // Entered when the office brought its register over (the last 400 days), some changed since.
    const createdMs = Math.max(person.moveInMs, now - 400 * day) + random.below(day);
    const created = Math.min(createdMs, now - 60_000);
    const updated = random.chance(0.2) ? created + random.below(Math.max(1, now - created)) : created;
    const consents = person.role === 'owner' && random.chance(0.7);
    const row: Record<string, unknown> = {
      id: newId(),
      company_id: template.resident.company_id,
      project_id: estate.id,
      building_id: place.buildingId,
      building_name: place.buildingName,
      door_id: place.doorId,
      door_name: place.doorName,
      room: place.room,
      unit_id: null,
      location_text: '',
      place_key: placeKeyOf(place),
      name,
      name_pinyin: spelled.full,
      name_initials: spelled.initials,
      role: person.role,
      move_in_on: isoDay(person.moveInMs),
      move_out_on: person.moveOutMs === null ? null : isoDay(person.moveOutMs),
      consultant_staff_id: person.consultant,
      customer_id: null,
      source: person.consultant ? 'move_in' : 'manual',
      import_id: null,
      notes: '',
      consents_after_sales: consents ? 1 : 0,
      consents_announcements: consents && random.chance(0.6) ? 1 : 0,
      consent_changed_by: consents ? random.pick(options.agents) : null,
      consent_changed_at: consents ? new Date(updated).toISOString() : null,
      created_at: new Date(created).toISOString(),
      updated_at: new Date(updated).toISOString(),
    };
    if (!checked) assertSameShape('residents', template.resident, row);
    residents.add(row);
    const numbers: string[] = [];
    for (let index = 0; index < person.phoneCount; index++) {
      const phone = nextPhone();
      numbers.push(phone);
      const phoneRow = {
        id: `${row.id}:${index}`,
        resident_id: row.id,
        company_id: row.company_id,
        project_id: estate.id,
        phone_e164: phone,
        phone_tail4: phone.slice(-4),
        sort_order: index,
      };
      if (!checked) assertSameShape('resident_phones', template.phone, phoneRow);
      checked = true;
      phones.add(phoneRow);
    }
    const livesThere = person.moveOutMs === null || row.move_out_on! > today;
    if (livesThere && numbers.length && random.chance(0.02)) knownNumbers.push(numbers[0]!.slice(3));
    return livesThere && numbers.length ? { name, phone: numbers[0]! } : null;
  };

  let stored = 0;
  const storeHousehold = (estate: Estate, list: Household[], place: Parameters<typeof addResident>[1]) => {
    const callers: Household['callers'] = [];
    const ownerIn = now - (30 + random.below(12 * 365)) * day;
    const isNew = now - ownerIn < 365 * day && random.chance(0.6);
    const movedOut = (p: number) => (random.chance(p) ? now - random.below(300) * day - day : null);
    const owner = addResident(estate, place, {
      role: 'owner',
      moveInMs: ownerIn,
      moveOutMs: movedOut(0.03),
      phoneCount: random.chance(0.3) ? 2 : 1,
      consultant: isNew ? random.pick(options.consultants) : null,
    });
    stored += 1;
    if (owner) callers.push(owner);
    const members = [0, 0, 0, 1, 1, 1, 1, 2, 2, 3][random.below(10)]!;
    for (let index = 0; index < members; index++) {
      const member = addResident(estate, place, {
        role: 'member',
        moveInMs: ownerIn + random.below(3) * 30 * day,
        moveOutMs: movedOut(0.03),
        phoneCount: random.chance(0.75) ? 1 : 0,
        consultant: null,
      });
      stored += 1;
      if (member) callers.push(member);
    }
    if (random.chance(0.12)) {
      const tenant = addResident(estate, place, {
        role: 'tenant',
        moveInMs: now - random.below(3 * 365) * day - day,
        moveOutMs: movedOut(0.25),
        phoneCount: 1,
        consultant: null,
      });
      stored += 1;
      if (tenant) callers.push(tenant);
    }
    list.push({ buildingName: place.buildingName, doorName: place.doorName, room: place.room, callers });
  };

  const write = sqlite.transaction((estate: Estate, target: number, list: Household[]) => {
    for (const building of estate.buildings)
      for (const door of building.doors)
        for (let floor = 1; floor <= building.floors; floor++)
          for (let flat = 1; flat <= flatsPerFloor; flat++) {
            if (stored >= target) return;
            const place = {
              buildingId: building.id,
              buildingName: building.name,
              doorId: door.id,
              doorName: door.name,
              room: `${floor}${String(flat).padStart(2, '0')}`,
            };
            storeHousehold(estate, list, place);
          }
  });
  let target = 0;
  for (const [index, estate] of estates.entries()) {
    target =
      index === estates.length - 1 ? options.total : Math.round(target + options.total * estate.weight);
    const list: Household[] = [];
    write(estate, target, list);
    sqlite.transaction(() => {
      residents.flush();
      phones.flush();
    })();
    households.set(estate.id, list);
    options.log(`  ${estate.name}: ${list.length} households, ${stored} residents so far`);
  }
  return { residents: residents.written(), phones: phones.written(), households, knownNumbers };
}
