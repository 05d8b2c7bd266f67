import type { Project, ProjectKind } from '../../../contracts/org';
import { api, type ListResult } from '../../app/api';

export type { Project, ProjectKind };
export const projectKinds: ProjectKind[] = ['sales', 'estate'];

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
export const deskKinds: DeskKind[] = ['service_centre', 'security_post', 'sales_line'];

export interface Desk {
  id: string;
  projectId: string;
  projectName: string;
  name: string;
  kind: DeskKind;
  phone: string;
}

export interface ProjectInput {
  name: string;
  kind: ProjectKind;
  city: string;
  address: string;
}

export interface BuildingInput {
  name: string;
  floorCount: number | null;
  sortOrder: number;
}

export const orgApi = {
  getCompany: (signal?: AbortSignal) => api.get<Company>('/org/company', undefined, signal),
  updateCompany: (input: { name: string; shortName: string }) => api.put<Company>('/org/company', input),

  findProjects: (signal?: AbortSignal) => api.get<ListResult<Project>>('/org/projects', undefined, signal),
  createProject: (input: ProjectInput) => api.post<Project>('/org/projects', input),
  updateProject: (id: string, input: Omit<ProjectInput, 'kind'> & { isArchived: boolean }) =>
    api.put<Project>(`/org/projects/${encodeURIComponent(id)}`, input),

  findBuildings: (projectId: string, signal?: AbortSignal) =>
    api.get<ListResult<Building>>(
      `/org/projects/${encodeURIComponent(projectId)}/buildings`,
      undefined,
      signal,
    ),
  createBuilding: (projectId: string, input: BuildingInput) =>
    api.post<Building>(`/org/projects/${encodeURIComponent(projectId)}/buildings`, input),
  updateBuilding: (id: string, input: BuildingInput) =>
    api.put<Building>(`/org/buildings/${encodeURIComponent(id)}`, input),
  createDoor: (buildingId: string, name: string) =>
    api.post<Door>(`/org/buildings/${encodeURIComponent(buildingId)}/doors`, { name }),
  updateDoor: (id: string, name: string) => api.put<Door>(`/org/doors/${encodeURIComponent(id)}`, { name }),

  findDepartments: (signal?: AbortSignal) =>
    api.get<ListResult<Department>>('/org/departments', undefined, signal),
  createDepartment: (input: { name: string; headStaffId: string | null }) =>
    api.post<Department>('/org/departments', input),
  updateDepartment: (id: string, input: { name: string; headStaffId: string | null }) =>
    api.put<Department>(`/org/departments/${encodeURIComponent(id)}`, input),

  findDesks: (projectId: string | undefined, signal?: AbortSignal) =>
    api.get<ListResult<Desk>>('/org/desks', { projectId }, signal),
  createDesk: (input: { projectId: string; name: string; kind: DeskKind; phone: string }) =>
    api.post<Desk>('/org/desks', input),
  updateDesk: (id: string, input: { name: string; kind: DeskKind; phone: string }) =>
    api.put<Desk>(`/org/desks/${encodeURIComponent(id)}`, input),
};
