// Moved to testing/: import '../opening/testing/index.js'. Kept until the other modules' tests switch.
export * from './testing/factories.js';
