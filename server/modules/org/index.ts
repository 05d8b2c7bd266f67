import './org.live-topics.js';

export { type DepartmentStaff, provideDepartmentStaff } from './department-staff.js';
export {
  findActiveProjects,
  findCompaniesOfProjects,
  findDepartmentNames,
  findFirstCompany,
  findProjectRow,
  insertCompany,
  projectIdsOfCompany,
} from './org.queries.js';
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
export {
  findBuildingWithCompany,
  findDoorById,
  findPlaceNamesById,
  findPlacesMatching,
  findProjectsOfCompany,
  type PlacesMatching,
} from './org-places.queries.js';
