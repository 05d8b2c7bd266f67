/** What other modules' and the composition's tests build customers (and import files) with. */

export { parseImportDate, readXlsxCell } from '../customers.import-rules.js';
export { createCampaign } from '../use-cases/campaigns.js';
export { planFollowUp } from '../use-cases/follow-ups.js';
export { requestReassignment } from '../use-cases/ownership.js';
export { previewImport } from '../use-cases/preview-import.js';
export { registerCustomer } from '../use-cases/register-customer.js';
export { createSourceChannel } from '../use-cases/source-channels.js';
export * from './visitor-register.js';
