import { describe, expect, it } from 'vitest';
import { normaliseSearchText } from '../../platform/text/bigrams.js';
import { createWorkOrder } from './index.js';
import { setUpWorkOrdersWorld } from './testing/index.js';
import { findWorkOrders } from './use-cases/read-work-orders.js';
import { searchTuning } from './workorders.queries.js';

// The list's search through the bigram index (FTS5 on SQLite, the tsvector GIN index on
// PostgreSQL) finds exactly what a substring test of the searched fields finds: the LIKE '%q%'
// it replaced, case- and width-folded (NFKC) on both databases.

const world = setUpWorkOrdersWorld();

const descriptions = [
  '卫生间漏水',
  '厨房水管漏水',
  '楼道灯不亮',
  'Lift noise at NIGHT',
  '门禁卡补办（Ａ座）',
  '水',
];
const names = ['陈女士', 'John Smith', 'SMITH & Co', '王五', '', 'Zhang San'];
const phones = ['13912345678', '13800138000', '02087655678', '', '18612341234'];
const locations: Array<[string, string, string]> = [
  ['3栋', '2单元', '1201'],
  ['12栋', '1单元', '302'],
  ['Ａ座', '', '１２０１'],
  ['', '', ''],
  ['3栋', '', 'B-12'],
];

interface Stored {
  id: string;
  fields: string[];
}
const stored: Stored[] = [];

/** The old search: `LIKE '%q%'` (SQLite's: ASCII case-insensitive) over each field, here normalised. */
const substringMatches = (q: string) => {
  const needle = normaliseSearchText(q);
  return stored
    .filter((order) => order.fields.some((field) => normaliseSearchText(field).includes(needle)))
    .map((order) => order.id)
    .sort();
};

async function search(q: string) {
  const found = [];
  for (let offset = 0; ; offset += 200) {
    const page = await findWorkOrders(
      world.database.db,
      world.agent,
      { projectId: world.org.estateProjectId, q, order: 'desc', offset, limit: 200 },
      world.clock.now(),
    );
    found.push(...page.items.map((item) => item.id));
    if (page.items.length < 200) return { ids: found.sort(), total: page.total };
  }
}

describe('work-order search (bigram index)', () => {
  it('finds what a substring search of number, caller, phone, location and description finds', async () => {
    for (let index = 0; index < 130; index++) {
      const [buildingText, doorText, unitText] = locations[index % locations.length]!;
      const row = await createWorkOrder(world.database.db, {
        actor: world.agent,
        projectId: world.org.estateProjectId,
        source: 'walk_in',
        input: {
          category: 'repair',
          urgency: 'normal',
          buildingText,
          doorText,
          unitText,
          description: descriptions[index % descriptions.length]!,
          callerName: names[index % names.length]!,
          callerPhone: phones[index % phones.length]!,
        },
        now: world.clock.now(),
      });
      const location = [row.buildingText, row.doorText, row.unitText].filter(Boolean).join(' ');
      stored.push({
        id: row.id,
        fields: [row.number, row.callerName, row.callerPhone, location, row.description],
      });
    }
    // [query, how many of the 130 orders hold it]
    const queries = [
      // Chinese words and single characters
      ['漏水', 44],
      ['卫生间漏水', 22],
      ['间漏', 22],
      ['水', 65],
      ['灯', 22],
      ['水漏', 0],
      // phone suffixes and parts
      ['5678', 52],
      ['1234', 52],
      ['138 00', 0],
      // order numbers
      ['WO-000123', 1],
      ['wo-000123', 1],
      ['123', 53],
      ['000123', 1],
      ['O-00012', 10],
      ['WO-0001', 31],
      ['-0001', 31],
      // mixed-case Latin
      ['smith', 44],
      ['SMITH', 44],
      ['Smith &', 22],
      ['nigh', 22],
      ['at NIGHT', 22],
      ['t n', 22],
      ['an', 21],
      // locations, as the list shows them (building door unit)
      ['3栋', 52],
      ['3栋 2单元', 26],
      ['栋 2', 26],
      ['2单元 1201', 26],
      ['B-12', 26],
      ['b', 26],
      // full-width forms fold to their ASCII ones, both in the orders and in the query
      ['１２０１', 52],
      ['1201', 52],
      ['a座', 43],
      ['Ａ座', 43],
      ['５６７８', 52],
      // no letters or digits: the substring test alone
      ['（', 21],
      ['&', 22],
      ['-', 130],
    ] as const;
    // SQLite reads few hits by rowid and tests many against the project's orders: both ways
    for (const fewHits of [2_000, 0]) {
      searchTuning.fewHits = fewHits;
      for (const [q, count] of queries) {
        const expected = substringMatches(q);
        const { ids, total } = await search(q);
        expect({ q, fewHits, ids }).toEqual({ q, fewHits, ids: expected });
        expect({ q, fewHits, total }).toEqual({ q, fewHits, total: count });
      }
    }
    searchTuning.fewHits = 2_000;
  });
});
