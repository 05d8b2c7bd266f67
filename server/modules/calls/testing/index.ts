// What other modules' tests need from the call desk: its use cases to put records in place, and
// a service department with an agent and a colleague.
export { startManualCall } from '../calls.service.js';
export { reportIncident } from '../incidents.service.js';
export { recordLeaderCall } from '../leader-calls.service.js';
export { leaveMessage } from '../messages.service.js';
export { createPurpose } from '../scripts.service.js';
export { buildServiceDepartment } from './service-department.js';
