// The module's SQL, one file per aggregate; use cases import this as one namespace.
export * from './queries/campaigns.queries.js';
export * from './queries/customers.queries.js';
export * from './queries/follow-ups.queries.js';
export * from './queries/imports.queries.js';
export * from './queries/ownership.queries.js';
export * from './queries/privacy.queries.js';
