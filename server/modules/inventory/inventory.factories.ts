// Moved to testing/: import '../inventory/testing/index.js'. Kept until the other modules' tests switch.
export * from './testing/factories.js';
