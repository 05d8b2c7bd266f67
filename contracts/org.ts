/**
 * The organisation's projects as both sides see them (server/modules/org answers, the web app's
 * project pickers read). Extend with the org module's other answers.
 */

export type ProjectKind = 'sales' | 'estate';

export interface Project {
  id: string;
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
  isArchived: boolean;
  buildingCount: number;
  deskCount: number;
}

export interface ListResult<T> {
  items: T[];
}

export interface Company {
  id: string;
  name: string;
  shortName: string;
}

export interface Door {
  id: string;
  name: string;
}

export interface Building {
  id: string;
  projectId: string;
  name: string;
  floorCount: number | null;
  sortOrder: number;
  doors: Door[];
}

export interface Department {
  id: string;
  name: string;
  headStaffId: string | null;
  headStaffName: string | null;
  staffCount: number;
}

export type DeskKind = 'service_centre' | 'security_post' | 'sales_line';

export interface Desk {
  id: string;
  projectId: string;
  projectName: string;
  name: string;
  kind: DeskKind;
  phone: string;
}
