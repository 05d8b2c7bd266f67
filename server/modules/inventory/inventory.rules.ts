import { Decimal } from 'decimal.js';
import type { Role } from '../../../contracts/roles.js';
import type { UnitStatus } from './inventory.tables.js';

export const unitStatuses: readonly UnitStatus[] = [
  'not_for_sale',
  'for_sale',
  'held',
  'deposited',
  'subscribed',
  'contracted',
  'sold',
  'reserved',
];

/** Statuses in which a unit has a buyer: counted as sold area and amount on the board. */
export const soldStatuses: readonly UnitStatus[] = ['deposited', 'subscribed', 'contracted', 'sold'];

export type UnitAction =
  | 'open_for_sale'
  | 'withdraw'
  | 'hold'
  | 'release'
  | 'extend'
  | 'expire'
  | 'reserve'
  | 'unreserve'
  | 'deposit'
  | 'subscribe'
  | 'contract'
  | 'complete_sale'
  | 'cancel_sale'
  | 'opening_pick';

const sales: readonly Role[] = ['consultant', 'controller', 'manager', 'finance'];
const control: readonly Role[] = ['controller', 'manager'];

/**
 * The state machine: each legal move, the action it is, and who may make it. Consultants hold
 * and release their own holds; the controller and the manager do everything on the board;
 * deals (deposit → sold) are made by the deals module for the people its own rules allow.
 */
export const transitions: ReadonlyArray<{
  from: UnitStatus;
  to: UnitStatus;
  action: UnitAction;
  roles: readonly Role[];
}> = [
  { from: 'not_for_sale', to: 'for_sale', action: 'open_for_sale', roles: control },
  { from: 'for_sale', to: 'not_for_sale', action: 'withdraw', roles: control },
  { from: 'for_sale', to: 'held', action: 'hold', roles: ['consultant', 'controller', 'manager'] },
  { from: 'held', to: 'for_sale', action: 'release', roles: ['consultant', 'controller', 'manager'] },
  { from: 'held', to: 'held', action: 'extend', roles: control },
  { from: 'for_sale', to: 'reserved', action: 'reserve', roles: control },
  { from: 'reserved', to: 'for_sale', action: 'unreserve', roles: control },
  { from: 'held', to: 'deposited', action: 'deposit', roles: sales },
  { from: 'deposited', to: 'subscribed', action: 'subscribe', roles: sales },
  { from: 'subscribed', to: 'contracted', action: 'contract', roles: sales },
  { from: 'contracted', to: 'sold', action: 'complete_sale', roles: sales },
  { from: 'deposited', to: 'for_sale', action: 'cancel_sale', roles: ['manager'] },
  { from: 'subscribed', to: 'for_sale', action: 'cancel_sale', roles: ['manager'] },
];

export function findTransition(from: UnitStatus, to: UnitStatus) {
  return transitions.find((transition) => transition.from === from && transition.to === to);
}

/** A hold whose time is up counts as for sale everywhere, before the expiry job has run. */
export function effectiveStatus(
  unit: { status: UnitStatus; holdExpiresAt: string | null },
  now: Date,
): UnitStatus {
  if (unit.status === 'held' && unit.holdExpiresAt !== null && unit.holdExpiresAt <= now.toISOString())
    return 'for_sale';
  return unit.status;
}

/**
 * List total price: area (m², 2 dp) × unit price (yuan per m², in fen), rounded half-up to the
 * fen (SA-9: computed exactly, decimal arithmetic). Area is carried as integer dm², so
 * total_fen = round(area_dm2 × unit_price_fen / 100).
 */
export function computeTotalFen(buildingAreaDm2: number, unitPriceFen: number): number {
  return new Decimal(buildingAreaDm2)
    .times(unitPriceFen)
    .dividedBy(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}

/** '89.5' / '89.50' / 89.5 → 8950; null for anything that is not a positive area with ≤ 2 decimals. */
export function parseAreaDm2(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(text)) {
    // Spreadsheets store 89.5 as 89.49999999…: accept a number that rounds cleanly to 2 dp.
    if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value < 100000) {
      const rounded = new Decimal(value).toDecimalPlaces(2);
      if (rounded.minus(value).abs().lessThan(1e-6)) return rounded.times(100).toNumber();
    }
    return null;
  }
  const dm2 = new Decimal(text).times(100).toNumber();
  return dm2 > 0 ? dm2 : null;
}

/** Yuan (up to 2 dp) → fen; null when not a positive amount. */
export function parseYuanToFen(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const rounded = new Decimal(value).toDecimalPlaces(2);
    if (rounded.minus(value).abs().greaterThan(1e-6)) return null;
    const fen = rounded.times(100).toNumber();
    return fen <= 1e13 ? fen : null;
  }
  const text = typeof value === 'string' ? value.trim().replace(/,/g, '') : '';
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(text)) return null;
  const fen = new Decimal(text).times(100).toNumber();
  return fen > 0 ? fen : null;
}

export function formatAreaM2(dm2: number): string {
  return new Decimal(dm2).dividedBy(100).toFixed(2);
}

/** The board's column for a unit number: its last two digits (1201 → 1), else its order. */
export function positionFromNumber(number: string, floor: number): number | null {
  const digits = number.replace(/\D/g, '');
  const floorText = String(floor);
  if (digits.startsWith(floorText) && digits.length > floorText.length) {
    const rest = Number.parseInt(digits.slice(floorText.length), 10);
    return Number.isFinite(rest) && rest > 0 && rest < 100 ? rest : null;
  }
  return null;
}

export function unitLabel(buildingName: string, section: string, number: string): string {
  return [buildingName, section, number].filter(Boolean).join('-');
}

/** When a hold of `minutes` taken at `now` ends. */
export function holdExpiry(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}
