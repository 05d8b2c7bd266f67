/** The organisation's use cases, one file per aggregate (see use-cases/). */
export * from './use-cases/buildings.js';
export * from './use-cases/departments.js';
export * from './use-cases/desks.js';
export * from './use-cases/projects.js';
