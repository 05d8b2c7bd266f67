import type { OpeningEventRow } from '../../../contracts/opening.js';

export type OpeningEventsTable = OpeningEventRow;

export interface OpeningUnitsTable {
  eventId: string;
  unitId: string;
}

export interface OpeningBuyersTable {
  id: string;
  eventId: string;
  name: string;
  phone: string;
  /** PRIV: only the masked ID number and a hash (to refuse the same person twice) are kept. */
  idNumberMasked: string;
  idNumberHash: string;
  idVerifiedBy: string | null;
  idVerifiedAt: string | null;
  /** 认筹号 */
  pledgeNumber: string;
  customerId: string | null;
  pickCount: number;
  codeHash: string | null;
  codeExpiresAt: string | null;
  codeAttempts: number;
  codeSentAt: string | null;
  /** Demo installs without an SMS channel show the code to staff; null once used or when SMS sent it. */
  demoCode: string | null;
  sessionHash: string | null;
  sessionExpiresAt: string | null;
  createdAt: string;
}

export interface OpeningPicksTable {
  id: string;
  eventId: string;
  unitId: string;
  buyerId: string;
  listTotalFen: number | null;
  pickedAt: string;
}

export interface OpeningTables {
  openingEvents: OpeningEventsTable;
  openingUnits: OpeningUnitsTable;
  openingBuyers: OpeningBuyersTable;
  openingPicks: OpeningPicksTable;
}
