/** The statuses of a unit (房号); the state machine is in server/modules/inventory/inventory.rules.ts. */
export type UnitStatus =
  | 'not_for_sale'
  | 'for_sale'
  | 'held'
  | 'deposited'
  | 'subscribed'
  | 'contracted'
  | 'sold'
  | 'reserved';

/**
 * One cell of the board (销控表). Keys are short because a 10,000-unit project sends them all at
 * once, grouped by building: i id · sec 单元 · f floor · p position · n number · l layout ·
 * a building area (dm²) · ia inner area (dm²) · o orientation · up unit price (fen/m²) ·
 * tp total (fen) · s status · v version · hs holder staff id · he hold expiry · hc hold
 * customer id · bc buyer customer id · sb 1 when sold before the system (系统前已售, imported so).
 */
export interface BoardCell {
  i: string;
  sec?: string;
  f: number;
  p: number;
  n: string;
  l: string;
  a: number;
  ia: number;
  o: string;
  up: number | null;
  tp: number | null;
  s: UnitStatus;
  v: number;
  hs?: string;
  he?: string;
  hc?: string;
  bc?: string;
  sb?: 1;
}

export interface BoardStats {
  total: number;
  byStatus: Record<UnitStatus, number>;
  soldCount: number;
  soldArea: string;
  soldAmountFen: number;
  availableAmountFen: number;
}

export interface Board {
  serverTime: string;
  projectId: string;
  projectName: string;
  buildings: Array<{
    id: string;
    name: string;
    floors: number[];
    positions: number[];
    stats: BoardStats;
    units: BoardCell[];
  }>;
  staffNames: Record<string, string>;
  stats: BoardStats;
}
