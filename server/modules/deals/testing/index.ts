/** What other modules' and the composition's tests build deals with. */

export { shanghaiDate, shanghaiInstant, shanghaiMinute } from '../deals.rules.js';
export {
  createThirdPartyStatement,
  designate,
  issueFormBatch,
  reviewAgreement,
  scheduleMortgageAppointment,
  scheduleMoveIn,
  submitAgreement,
} from '../deals.service.js';
export * from './deal-fixture.js';
export * from './pdf-text.js';
