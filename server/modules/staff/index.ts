import './session-liveness.js';
import { provideDepartmentStaff } from '../org/index.js';
import { countStaffByDepartment, findStaffNames, staffBelongsToCompany } from './staff.queries.js';

// Departments (org) show their head's name and head count; staff depend on org, so they provide them.
provideDepartmentStaff({
  displayNames: findStaffNames,
  countsByDepartment: countStaffByDepartment,
  belongsToCompany: staffBelongsToCompany,
});

export { authRoutes } from './auth.routes.js';
export { resolveSession, type SessionResolution, setOwnPresence } from './auth.service.js';
export { findStaffContacts, findStaffNames, staffIdsOfCompany } from './staff.queries.js';
export { staffRoutes } from './staff.routes.js';
export { createStaff, findStaff, getStaffById } from './staff.service.js';
export type { Presence, StaffTables } from './staff.tables.js';
export {
  type DirectoryStaffFilter,
  findDepartmentOfStaff,
  findDirectoryStaff,
  findStaffDisplayNames,
  findStaffIdOfUsername,
  findStaffPhones,
  findStaffWithRolesOnProject,
  updateStaffWorkplace,
} from './staff-directory.queries.js';
export { staffEncryptedData, staffKeyBoundHashes } from './two-factor.rotation.js';
