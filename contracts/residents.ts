/** The property desk's register of residents (issue 18): what server and web both read. */

import type { Role } from './roles.js';

/**
 * Who reads the register: the property side (service agents, guards and property clerks, their
 * department heads), the project manager and the administrator, in the projects of their grants.
 * Sales consultants do not: their buyers are in their own customer book and deal files already;
 * the register adds where owners, tenants and household members live and whom to call there,
 * which a consultant does not need (PIPL: least data for the purpose). A new owner's consultant
 * is shown on the desk's pop instead.
 */
export const registerRoles = [
  'agent',
  'guard',
  'dept_head',
  'manager',
  'admin',
] as const satisfies readonly Role[];

export const residentRoles = ['owner', 'tenant', 'member'] as const;
export type ResidentRole = (typeof residentRoles)[number];

export const residentSources = ['manual', 'import', 'move_in'] as const;
export type ResidentSource = (typeof residentSources)[number];

export interface ResidentConsent {
  /** SA-18: the owner agreed to after-move-in care calls. */
  afterSalesCare: boolean;
  /** SA-18: the owner agreed to hear of the company's new projects. */
  announcements: boolean;
  changedByName: string | null;
  changedAt: string | null;
}

export interface Resident {
  id: string;
  projectId: string;
  projectName: string;
  buildingName: string;
  doorName: string;
  room: string;
  /** 'building · door · room', or the free location text when the project has no units in inventory. */
  place: string;
  isLinkedToUnit: boolean;
  name: string;
  role: ResidentRole;
  phones: string[];
  moveInOn: string | null;
  moveOutOn: string | null;
  isMovedOut: boolean;
  consultantName: string | null;
  source: ResidentSource;
  notes: string;
  consent: ResidentConsent;
  updatedAt: string;
}

export interface ResidentInput {
  projectId: string;
  buildingName: string;
  doorName: string;
  room: string;
  locationText: string;
  name: string;
  role: ResidentRole;
  phones: string[];
  moveInOn: string | null;
  notes: string;
}

export interface ResidentConsentInput {
  afterSalesCare: boolean;
  announcements: boolean;
}

/** Who is probably calling: a resident whose phone is the caller's number. */
export interface CallerResident {
  id: string;
  name: string;
  role: ResidentRole;
  projectName: string;
  place: string;
  /** The day the owner (or resident) moved in: "owner since". */
  moveInOn: string | null;
  /** A new owner's sales consultant (moved in within the setting's months), else null. */
  consultantName: string | null;
}

/** CS-4: a resident found by building, door, unit or name for a caller asking for someone. */
export interface ResidentMatch {
  id: string;
  name: string;
  role: ResidentRole;
  projectName: string;
  place: string;
}

export interface ResidentImportProblem {
  sheetName: string;
  rowNumber: number;
  name: string;
  errors: string[];
}

export type ResidentImportStatus = 'previewed' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ResidentImport {
  id: string;
  projectId: string;
  fileName: string;
  status: ResidentImportStatus;
  totalRows: number;
  validRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  problemCount: number;
  isCancelRequested: boolean;
  skippedSheets: Array<{ name: string; reason: 'hidden' | 'no_header' }>;
  createdAt: string;
  finishedAt: string | null;
}
