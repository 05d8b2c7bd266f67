import './opening.notifications.js';

export { seedSalesControlDemo } from './opening.demo.js';
/** The bare conditional update of a pick, the bench's baseline (bench/opening.bench.ts). */
export { claimUnitForBuyer } from './opening.picks.queries.js';
export { openingRoutes } from './opening.routes.js';
export { type BuyerInput, createOpeningEvent, type EventInput, registerBuyers } from './opening.service.js';
export type { OpeningTables } from './opening.tables.js';
