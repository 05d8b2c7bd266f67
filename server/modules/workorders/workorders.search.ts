import { bigramTokens, normaliseSearchText } from '../../platform/text/bigrams.js';
import type { WorkOrdersTable } from './workorders.tables.js';

// What the list's search box finds an order by: its number, the caller's name and number, the
// location as the list shows it (building door unit) and the description. Stored with the order
// (written with the fields, in the same statement): `searchText` the fields normalised, one per
// line, for the exact substring test; `searchBigrams` their tokens, which the database indexes
// (FTS5 on SQLite, a 'simple' tsvector GIN index on PostgreSQL; 2026-12-09T0900 migration).

type Searched = Pick<
  WorkOrdersTable,
  'number' | 'callerName' | 'callerPhone' | 'buildingText' | 'doorText' | 'unitText' | 'description'
>;

export function workOrderSearchFields(
  order: Searched,
): Pick<WorkOrdersTable, 'searchText' | 'searchBigrams'> {
  const location = [order.buildingText, order.doorText, order.unitText].filter(Boolean).join(' ');
  const fields = [order.number, order.callerName, order.callerPhone, location, order.description].map(
    normaliseSearchText,
  );
  return {
    // A query holds no line break (normalised), so it never matches across two fields.
    searchText: fields.join('\n'),
    searchBigrams: fields.map(bigramTokens).filter(Boolean).join(' '),
  };
}
