import './reception.privacy.js';

export { receptionRoutes } from './reception.routes.js';
export { salesGreeting, visitSteps } from './reception.rules.js';
export {
  answerCall,
  completeVisitStep,
  getAnsweringBoard,
  receiveVisitor,
  saveCallRegister,
} from './reception.service.js';
