/** The opening's use cases, one file per step of the day (see use-cases/). */
export * from './use-cases/buyer-sign-in.js';
export * from './use-cases/opening-events.js';
export * from './use-cases/pick-unit.js';
export * from './use-cases/register-buyers.js';
