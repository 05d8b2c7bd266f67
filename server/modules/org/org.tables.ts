export interface CompaniesTable {
  id: string;
  name: string;
  shortName: string;
  createdAt: string;
}

export type ProjectKind = 'sales' | 'estate';

export interface ProjectsTable {
  id: string;
  companyId: string;
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
  isArchived: number;
  createdAt: string;
}

export interface BuildingsTable {
  id: string;
  projectId: string;
  name: string;
  floorCount: number | null;
  sortOrder: number;
  createdAt: string;
}

export interface DoorsTable {
  id: string;
  buildingId: string;
  name: string;
  createdAt: string;
}

export interface DepartmentsTable {
  id: string;
  companyId: string;
  name: string;
  headStaffId: string | null;
  createdAt: string;
}

export type DeskKind = 'service_centre' | 'security_post' | 'sales_line';

export interface DesksTable {
  id: string;
  projectId: string;
  name: string;
  kind: DeskKind;
  phone: string;
  createdAt: string;
}

export interface OrgTables {
  companies: CompaniesTable;
  projects: ProjectsTable;
  buildings: BuildingsTable;
  doors: DoorsTable;
  departments: DepartmentsTable;
  desks: DesksTable;
}
