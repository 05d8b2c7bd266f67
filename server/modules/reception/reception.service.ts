// The use cases, one file per aggregate; routes import this as one namespace.
export * from './use-cases/answering-order.js';
export * from './use-cases/call-lists.js';
export * from './use-cases/calls.js';
export * from './use-cases/visit-end.js';
export * from './use-cases/visits.js';
