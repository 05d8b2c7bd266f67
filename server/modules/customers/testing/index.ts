// What other modules' tests, the composition's tests, the benches and the browser tests build
// customers (and office files) with.
export { parseImportDate, readXlsxCell } from '../customers.import-cells.js';
export { markMovedIn } from '../use-cases/after-sales.js';
export { createCampaign, findCampaignSendLog, sendCampaign } from '../use-cases/campaigns.js';
export { cancelFollowUp, completeFollowUp, planFollowUp } from '../use-cases/follow-ups.js';
export { requestReassignment } from '../use-cases/ownership.js';
export { previewImport } from '../use-cases/preview-import.js';
export { registerCustomer } from '../use-cases/register-customer.js';
export { createSourceChannel } from '../use-cases/source-channels.js';
export { buildImportOffice } from './import-office.js';
export { buildMonthlyRegister, monthlyRegisterCounts } from './monthly-register.js';
export { buildCustomerInput, buildCustomerWorkbook, buildSalesOffice, freshMobile } from './sales-office.js';
export { buildVisitorRegister } from './visitor-register.js';
export {
  type RegisterRow,
  type RegisterStyle,
  registerConsultants,
  registerCounts,
  visitorRegisterRows,
} from './visitor-register-rows.js';
