/** Inventory's test data, for other modules' tests, the browser tests and the benches. */
export * from './factories.js';
export * from './price-list-corpus.js';
