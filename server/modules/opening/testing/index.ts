/** The opening's test data, for other modules' tests. */
export * from './factories.js';
