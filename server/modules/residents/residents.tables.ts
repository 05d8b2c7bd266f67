import type { ResidentImportStatus, ResidentRole, ResidentSource } from '../../../contracts/residents.js';

export interface ResidentsTable {
  id: string;
  companyId: string;
  projectId: string;
  /** The org building when the name matched one, for CS-4's search by building. */
  buildingId: string | null;
  buildingName: string;
  doorId: string | null;
  /** 樓門 / 单元, '' when the building has one door. */
  doorName: string;
  room: string;
  /** The inventory unit, when the project's units are in inventory. */
  unitId: string | null;
  /** Where they live in the office's words, when no unit matched ('' otherwise). */
  locationText: string;
  /** building|door|room keys (residents.rules.ts `placeKeyOf`), how a unit's residents are found again. */
  placeKey: string;
  name: string;
  namePinyin: string;
  nameInitials: string;
  role: ResidentRole;
  moveInOn: string | null;
  moveOutOn: string | null;
  consultantStaffId: string | null;
  /** The buyer's customer record, for owners who came through a deal's move-in (SA-17). */
  customerId: string | null;
  source: ResidentSource;
  importId: string | null;
  notes: string;
  consentsAfterSales: number;
  consentsAnnouncements: number;
  consentChangedBy: string | null;
  consentChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ResidentPhonesTable {
  id: string;
  residentId: string;
  companyId: string;
  projectId: string;
  phoneE164: string;
  phoneTail4: string;
  sortOrder: number;
}

export interface ResidentImportsTable {
  id: string;
  companyId: string;
  projectId: string;
  fileName: string;
  status: ResidentImportStatus;
  totalRows: number;
  validRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  isCancelRequested: number;
  /** The staged rows (ImportedResident[]) until the import has run. */
  rowsJson: string;
  problemsJson: string;
  skippedSheetsJson: string;
  failure: string;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ResidentsTables {
  residents: ResidentsTable;
  residentPhones: ResidentPhonesTable;
  residentImports: ResidentImportsTable;
}
