// What other modules' and the composition's tests need from the call desk: its use cases to put
// records in place, its day bounds, and a service department with an agent and a colleague.
export { shanghaiDayRange } from '../calls.rules.js';
export { actOnCall, recordGreetingShown, startManualCall, updateCallDetails } from '../calls.service.js';
export { advanceIncident, reportIncident } from '../incidents.service.js';
export { recordLeaderCall, reportLeaderCall } from '../leader-calls.service.js';
export { advanceMessage, leaveMessage } from '../messages.service.js';
export { openPersonLookup, recordPersonNotFound, searchForCaller } from '../person-lookup.service.js';
export { createPurpose, findPurposes } from '../scripts.service.js';
export { startFakePbx } from './fake-pbx.js';
export * from './service-department.js';
export { toneWav } from './tone-wav.js';
