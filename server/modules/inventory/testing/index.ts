/** Inventory's test factories, for other modules' tests (a module is reached only through its index). */
export { buildCustomer, buildInventory, type InventoryFixture } from '../inventory.factories.js';
