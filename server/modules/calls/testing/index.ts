/** What other modules' and the composition's tests build desk objects with. */

export { shanghaiDayRange } from '../calls.rules.js';
export { startManualCall } from '../calls.service.js';
export { recordLeaderCall, reportIncident } from '../incidents.service.js';
export { leaveMessage } from '../messages.service.js';
export { createPurpose } from '../scripts.service.js';
export * from './service-department.js';
