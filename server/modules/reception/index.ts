import './reception.privacy.js';

export { findReceptionFigures } from './dashboard-figures.js';
export { seedReceptionDemo } from './reception.demo.js';
export { receptionRoutes } from './reception.routes.js';
export { salesGreeting, visitSteps } from './reception.rules.js';
export {
  answerCall,
  completeVisitStep,
  discardCall,
  getAnsweringBoard,
  receiveVisitor,
  saveCallRegister,
} from './reception.service.js';
export type { ReceptionTables } from './reception.tables.js';
