import './org.live-topics.js';

export { findFirstCompany, insertCompany } from './org.queries.js';
export { orgRoutes } from './org.routes.js';
export {
  createBuilding,
  createDepartment,
  createDesk,
  createDoor,
  createProject,
  findBuildingsWithDoors,
  findDesks,
  getCompanyById,
  getDepartmentById,
  getDeskById,
  getProjectById,
  getVisibleProject,
  updateDepartment,
} from './org.service.js';
export type { DeskKind, OrgTables, ProjectKind } from './org.tables.js';
