/** Inventory's use cases (see use-cases/); the unit as the API sees it is in unit-view.ts. */
export * from './unit-view.js';
export * from './use-cases/create-units.js';
export * from './use-cases/holds.js';
export * from './use-cases/read-units.js';
export * from './use-cases/transition-unit.js';
export { getProjectOfMember, mayAct } from './use-cases/unit-access.js';
