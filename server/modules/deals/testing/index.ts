/**
 * Deals' test support for other modules' tests: fixtures that walk a deal through its steps, the
 * text of a PDF, the data keys reset, and the use cases by name.
 */
export { forgetDataKeys } from '../deals.crypto.js';
export { shanghaiDate, shanghaiInstant, shanghaiMinute } from '../deals.rules.js';
export * as deals from '../deals.service.js';
export { overwriteDealAsImported } from './conformance-cases.js';
export * from './deal-fixture.js';
export { pdfText } from './pdf-text.js';
