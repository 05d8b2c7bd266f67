/**
 * The online opening's answers as both sides see them (server/modules/opening answers, checked
 * against its zod schemas in opening.schemas.ts; web/modules/opening/opening.api.ts reads them).
 */

export type OpeningPhase = 'cancelled' | 'upcoming' | 'open' | 'closed';

/** An opening event as created, changed or cancelled. */
export interface OpeningEventRow {
  id: string;
  projectId: string;
  name: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  isCancelled: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/openings?projectId=…: each event with its counts. */
export interface OpeningEventSummary extends OpeningEventRow {
  phase: OpeningPhase;
  unitCount: number;
  buyerCount: number;
  pickCount: number;
}

export interface OpeningBuyer {
  id: string;
  name: string;
  /** Masked for staff too. */
  phone: string;
  idNumberMasked: string;
  idVerified: boolean;
  idVerifiedByName: string | null;
  idVerifiedAt: string | null;
  pledgeNumber: string;
  customerId: string | null;
  pickCount: number;
  /** Without an SMS channel, the code staff read out to the buyer. */
  demoCode: string | null;
}

export interface OpeningPick {
  id: string;
  unitId: string;
  label: string;
  buyerId: string;
  buyerName: string;
  pledgeNumber: string;
  listTotalFen: number | null;
  pickedAt: string;
}

/** GET /api/openings/:id */
export interface OpeningEventDetail {
  event: OpeningEventRow & { phase: OpeningPhase };
  unitIds: string[];
  buyers: OpeningBuyer[];
  picks: OpeningPick[];
}

export interface ListResult<T> {
  items: T[];
}

export interface PublicEvent {
  id: string;
  name: string;
  projectName: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  phase: OpeningPhase;
  serverTime: string;
}

export interface OfferedUnit {
  id: string;
  label: string;
  buildingId: string;
  buildingName: string;
  floor: number;
  position: number;
  number: string;
  layout: string;
  buildingAreaDm2: number;
  orientation: string;
  listUnitPriceFen: number | null;
  listTotalFen: number | null;
  isAvailable: boolean;
}

export interface BuyerOverview {
  name: string;
  pledgeNumber: string;
  pickCount: number;
  perBuyerLimit: number;
  serverTime: string;
  picks: Array<{
    id: string;
    unitId: string;
    label: string;
    layout: string;
    buildingAreaDm2: number;
    listTotalFen: number | null;
    pickedAt: string;
  }>;
}

/** POST /api/public/openings/:eventId/session: who signed in (the token travels as a cookie). */
export interface SignedInBuyer {
  name: string;
  pledgeNumber: string;
}
