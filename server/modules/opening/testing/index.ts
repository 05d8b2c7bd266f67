/** What other modules' and the composition's tests build openings and buyers with. */
export * from '../opening.factories.js';
