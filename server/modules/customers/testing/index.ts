// Test data other modules' tests, the benches and the browser tests build customers from.
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
