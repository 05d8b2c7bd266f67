import './opening.notifications.js';

export { seedSalesControlDemo } from './opening.demo.js';
export { openingRoutes } from './opening.routes.js';
export { type BuyerInput, createOpeningEvent, type EventInput, registerBuyers } from './opening.service.js';
export type { OpeningTables } from './opening.tables.js';
