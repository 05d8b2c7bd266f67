export { authRoutes } from './auth.routes.js';
export { resolveSession, type SessionResolution, setOwnPresence } from './auth.service.js';
export { staffRoutes } from './staff.routes.js';
export { createStaff, findStaff, getStaffById } from './staff.service.js';
export type { Presence } from './staff.tables.js';
