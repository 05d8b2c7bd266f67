import './reception.privacy.js';

export type { CallRegisterInput } from '../../../contracts/reception.js';
export {
  type SalesCallConformanceFacts,
  salesCallFactSource,
  type TurnFacts,
  type VisitConformanceFacts,
  type VisitStepFacts,
  visitFactSource,
} from './conformance-facts.js';
export { findReceptionFigures, visitsPerCustomer } from './dashboard-figures.js';
export { seedReceptionDemo } from './reception.demo.js';
export { receptionRoutes } from './reception.routes.js';
export { salesGreeting, visitSteps } from './reception.rules.js';
export {
  answerCall,
  completeVisitStep,
  discardCall,
  endVisitEarly,
  getAnsweringBoard,
  receiveVisitor,
  recordSalesGreetingShown,
  saveCallRegister,
} from './reception.service.js';
export type { BookOutcome, ReceptionTables, TurnSkipReason } from './reception.tables.js';
