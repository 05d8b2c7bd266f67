// What other modules' tests (conformance's sales checks) drive reception with.
export { setAnsweringOrder } from '../reception.service.js';
export { buildReceptionOffice, callInput, visitor } from './reception-office.js';
