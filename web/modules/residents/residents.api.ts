import type {
  Resident,
  ResidentConsentInput,
  ResidentImport,
  ResidentImportProblem,
  ResidentInput,
} from '../../../contracts/residents';
import { api, type PageResult, type Query } from '../../app/api';

export type {
  CallerResident,
  Resident,
  ResidentImport,
  ResidentImportProblem,
  ResidentInput,
  ResidentMatch,
  ResidentRole,
} from '../../../contracts/residents';

const id = encodeURIComponent;

export const residentsApi = {
  findResidents: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<Resident>>('/residents', query, signal),
  getResident: (residentId: string, signal?: AbortSignal) =>
    api.get<Resident>(`/residents/${id(residentId)}`, undefined, signal),
  createResident: (input: ResidentInput) => api.post<Resident>('/residents', input),
  updateResident: (residentId: string, input: Omit<ResidentInput, 'projectId'>) =>
    api.put<Resident>(`/residents/${id(residentId)}`, input),
  moveOut: (residentId: string, moveOutOn: string) =>
    api.post<Resident>(`/residents/${id(residentId)}/move-out`, { moveOutOn }),
  setConsent: (residentId: string, consent: ResidentConsentInput) =>
    api.put<Resident>(`/residents/${id(residentId)}/consent`, consent),
  uploadImport: (projectId: string, file: File) =>
    api.upload<ResidentImport>('/resident-imports', file, { query: { projectId } }),
  findImports: (query: Query, signal?: AbortSignal) =>
    api.get<PageResult<ResidentImport>>('/resident-imports', query, signal),
  getImport: (importId: string) => api.get<ResidentImport>(`/resident-imports/${id(importId)}`),
  findImportProblems: (importId: string) =>
    api.get<{ items: ResidentImportProblem[] }>(`/resident-imports/${id(importId)}/problems`),
  commitImport: (importId: string) => api.post<ResidentImport>(`/resident-imports/${id(importId)}/commit`),
  cancelImport: (importId: string) => api.post<ResidentImport>(`/resident-imports/${id(importId)}/cancel`),
};
