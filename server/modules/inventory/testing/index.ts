/** Price-list files as customers send them, for other modules', the browser and the bench tests. */
export * from './price-list-corpus.js';
