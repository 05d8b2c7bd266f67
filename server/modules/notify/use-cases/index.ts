// The notification centre's use cases, as the routes and tests call them (`admin.listInbox(…)`).
export * from './delivery-log.js';
export * from './inbox.js';
export * from './jobs.js';
export * from './on-time-report.js';
export * from './preferences.js';
export * from './providers.js';
export * from './templates.js';
