import './customers.notifications.js';
import './use-cases/import-customers.js';
import './use-cases/retention.js';

export {
  type CustomerKeyMark,
  type FollowUpConformanceFacts,
  findCustomerKeyMarks,
  followUpFactSource,
} from './conformance-facts.js';
export { customerErrors } from './customers.errors.js';
export { newCustomerId } from './customers.ids.js';
// The import's reading of a cell as a Beijing time (server-zone.test.ts proves it in any TZ).
export { parseImportDate, readXlsxCell } from './customers.import-cells.js';
export { type CustomerByPhone, findCustomersByPhone } from './customers.lookup.js';
export { notifyManagersOfKeyCustomer } from './customers.notify.js';
export { type OwnerConsent, registerOwnerConsentSource } from './customers.owner-consent.js';
export { findProjectConsultants, StaffNames } from './customers.people.js';
export { findCampaignAudience as findCustomersForCampaign } from './customers.queries.js';
export { customersRoutes } from './customers.routes.js';
export {
  displayPhone,
  normalisePhone,
  phoneForLog,
  shanghaiDay,
  shanghaiDayBounds,
  shanghaiHour,
} from './customers.rules.js';
export {
  assertSalesProject,
  type CustomerEventInput,
  type CustomerInput,
  type CustomerView,
  getCustomerById,
  getCustomerForDisplay,
  normalisePhones,
  phoneMaskStyle,
  recordCustomerEvent,
} from './customers.service.js';
export type { CustomerPhonesTable, CustomersTable, CustomersTables, KeyKind } from './customers.tables.js';
export {
  countVisitsBySourceChannel,
  findRegisteredCustomerFigures,
  findSourceChannelNames,
} from './dashboard-figures.js';
// The use cases other modules, the demo, the benches and test worlds drive.
export { markMovedIn, recordMoveIn } from './use-cases/after-sales.js';
export { createCampaign } from './use-cases/campaigns.js';
export { findCustomers, getCustomerBook } from './use-cases/find-customers.js';
export { completeFollowUp, planFollowUp } from './use-cases/follow-ups.js';
export { commitImport, previewImport, runImport } from './use-cases/import-customers.js';
export { requestReassignment } from './use-cases/ownership.js';
export {
  eraseCustomer,
  exportCustomerData,
  type PersonalDataSource,
  registerPersonalDataSource,
} from './use-cases/privacy.js';
export { checkPhone, registerCustomer } from './use-cases/register-customer.js';
export {
  type RegistrationOutcome,
  registerCustomerInTransaction,
  rethrowPhoneRace,
} from './use-cases/register-in-transaction.js';
export { scheduleRetentionSweep } from './use-cases/retention.js';
export { createSourceChannel, findSourceChannels } from './use-cases/source-channels.js';
