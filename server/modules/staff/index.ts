import './session-liveness.js';

export { authRoutes } from './auth.routes.js';
export { resolveSession, type SessionResolution, setOwnPresence } from './auth.service.js';
export { findStaffContacts, findStaffNames, staffIdsOfCompany } from './staff.queries.js';
export { staffRoutes } from './staff.routes.js';
export { createStaff, findStaff, getStaffById } from './staff.service.js';
export type { Presence, StaffTables } from './staff.tables.js';
export {
  type DirectoryStaffFilter,
  findDirectoryStaff,
  findStaffDisplayNames,
  findStaffIdOfUsername,
  findStaffPhones,
  findStaffWithRolesOnProject,
  updateStaffWorkplace,
} from './staff-directory.queries.js';
