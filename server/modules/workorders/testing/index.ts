// What other modules' and the composition's tests need from work orders: the use cases that put
// orders and photos in place, and the work-order tests' world.
export { createWorkOrder } from '../use-cases/create-work-order.js';
export { addWorkOrderPhoto } from '../use-cases/photos.js';
export * from './workorders-world.js';

/** A 1×1 PNG: the photo the tests upload. */
export const testPhoto = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
