/**
 * The access matrix: every route × role of P1 × relation (another consultant, desk, project,
 * company, buyer) checked for leaks against the world of ../access-world/.
 */

export type { Relation } from '../access-world/index.js';
export { renderAccessMatrixDoc } from './doc.js';
export { fieldRules, reachOf } from './field-rules.js';
export {
  type Answer,
  describeLeak,
  findLeaks,
  type JudgedCaller,
  type Leak,
  type MatrixResult,
} from './leaks.js';
export { type MatrixKind, type ParamPlan, routeParams } from './route-params.js';
export { runAccessMatrix } from './run-matrix.js';
export { sampleBody } from './sample-body.js';
