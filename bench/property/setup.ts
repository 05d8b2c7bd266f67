import type SqliteDatabase from 'better-sqlite3';
import type { login } from '../cti/http.js';

// bench:property's estates, made through the real routes as the administrator sets them up:
// projects, their buildings and doors (樓門); and one resident and one work order made by the
// desk's agent through the register's form and the work-order form, whose stored rows are the
// shape every bulk-inserted row copies.

export interface Door {
  id: string;
  name: string;
}
export interface Building {
  id: string;
  name: string;
  floors: number;
  doors: Door[];
}
export interface Estate {
  id: string;
  name: string;
  /** Share of the residents and orders this estate holds. */
  weight: number;
  buildings: Building[];
}

type Session = Awaited<ReturnType<typeof login>>;

async function call<T>(
  baseUrl: string,
  session: Session,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      ...(method === 'POST' ? { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

const newEstates = ['碧水湾', '金桂苑', '枫林华府', '滨江名邸'];
/** Households per building (3 doors × 32 floors × 4 flats). */
const doorsPerBuilding = 3;
export const floorsPerBuilding = 32;
export const flatsPerFloor = 4;

/**
 * The demo's estate (锦绣家园, 40 % of everything: the desk's agent works there) and four more
 * estates of the company, each with enough buildings of three doors for its share of `households`.
 */
export async function setUpEstates(
  baseUrl: string,
  admin: Session,
  sqlite: SqliteDatabase.Database,
  households: number,
  log: (text: string) => void,
): Promise<Estate[]> {
  const demoEstate = sqlite.prepare("SELECT id, name FROM projects WHERE kind = 'estate' LIMIT 1").get() as {
    id: string;
    name: string;
  };
  const estates: Array<{ id: string; name: string; weight: number }> = [{ ...demoEstate, weight: 0.4 }];
  for (const name of newEstates) {
    const project = await call<{ id: string }>(baseUrl, admin, 'POST', '/api/org/projects', {
      name,
      kind: 'estate',
      city: '杭州',
      address: '',
    });
    estates.push({ id: project.id, name, weight: 0.15 });
  }
  const perBuilding = doorsPerBuilding * floorsPerBuilding * flatsPerFloor;
  const result: Estate[] = [];
  for (const estate of estates) {
    const wanted = Math.ceil((households * estate.weight) / perBuilding);
    const known = await call<{ items: Array<Building & { floorCount: number | null }> }>(
      baseUrl,
      admin,
      'GET',
      `/api/org/projects/${estate.id}/buildings`,
    );
    const buildings: Building[] = [];
    for (let number = 1; number <= wanted; number++) {
      const name = `${number}栋`;
      let building: { id: string; name: string; doors: Door[] } | undefined = known.items.find(
        (item) => item.name === name,
      );
      building ??= await call<Building>(baseUrl, admin, 'POST', `/api/org/projects/${estate.id}/buildings`, {
        name,
        floorCount: floorsPerBuilding,
        sortOrder: number,
      });
      const doors = [...building.doors];
      for (let door = doors.length + 1; door <= doorsPerBuilding; door++)
        doors.push(
          await call<Door>(baseUrl, admin, 'POST', `/api/org/buildings/${building.id}/doors`, {
            name: `${door}单元`,
          }),
        );
      buildings.push({ id: building.id, name, floors: floorsPerBuilding, doors: doors.slice(0, 3) });
    }
    log(`  ${estate.name}: ${buildings.length} buildings of ${doorsPerBuilding} doors`);
    result.push({ ...estate, buildings });
  }
  return result;
}

/**
 * One resident and one work order through the desk's forms, as the agent; returns their stored
 * rows (every column as the use cases write them) for the bulk rows to copy.
 */
export async function makeTemplateRows(
  baseUrl: string,
  agent: Session,
  sqlite: SqliteDatabase.Database,
  estate: Estate,
) {
  const building = estate.buildings[0]!;
  const resident = await call<{ id: string }>(baseUrl, agent, 'POST', '/api/residents', {
    projectId: estate.id,
    buildingName: building.name,
    doorName: building.doors[0]!.name,
    room: '3201',
    locationText: '',
    name: '林雅琴',
    role: 'owner',
    phones: ['13709876543'],
    moveInOn: '2021-05-01',
    notes: '',
  });
  const order = await call<{ id: string }>(baseUrl, agent, 'POST', '/api/work-orders', {
    projectId: estate.id,
    source: 'walk_in',
    category: 'repair',
    urgency: 'normal',
    buildingText: building.name,
    doorText: building.doors[0]!.name,
    unitText: '3201',
    description: '厨房水槽下水管漏水',
    callerName: '林雅琴',
    callerPhone: '13709876543',
  });
  const row = (table: string, id: string) =>
    sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>;
  return {
    resident: row('residents', resident.id),
    phone: sqlite.prepare('SELECT * FROM resident_phones WHERE resident_id = ?').get(resident.id) as Record<
      string,
      unknown
    >,
    order: row('work_orders', order.id),
  };
}

export type TemplateRows = Awaited<ReturnType<typeof makeTemplateRows>>;
