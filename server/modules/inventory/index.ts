import './inventory.jobs.js';

export { findHoldsExpiringSoon } from './dashboard-figures.js';
export { type SalesDemoActors, seedInventoryDemo } from './inventory.demo.js';
export { inventoryErrors } from './inventory.errors.js';
export { findUnitStatuses, findUnitSummaries, type UnitSummary } from './inventory.queries.js';
export { inventoryRoutes } from './inventory.routes.js';
export { computeTotalFen, soldStatuses, unitStatuses } from './inventory.rules.js';
export {
  assertHeldFor,
  boardPatch,
  changeUnitStatusInTransaction,
  createUnits,
  expireHolds,
  extendHold,
  findProjectLayouts,
  getUnitAt,
  historyRow,
  holdUnit,
  type NewUnitInput,
  recordUnitHistory,
  releaseHold,
  type TransitionOptions,
  transitionUnit,
  type UnitView,
} from './inventory.service.js';
/**
 * Inventory (房号 and 销控) as other modules use it. The deals module moves a unit with
 * `transitionUnit(trx, …)` inside its own transaction (held → deposited after `assertHeldFor`,
 * SA-12; deposited → subscribed on the seal, SA-13; → contracted; → sold).
 */
export type { InventoryTables, UnitHistoryTable as UnitHistoryRow, UnitStatus } from './inventory.tables.js';
export { createPriceListDraft, decidePriceList } from './price-lists.service.js';
export { findUnitPlace, findUnitsByNumber } from './unit-lookup.queries.js';
