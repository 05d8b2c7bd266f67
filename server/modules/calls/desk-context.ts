import type { Locale } from '../../../contracts/locales.js';
import { type Actor, hasAnyRole } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { getCompanyById, getDeskById } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { callsErrors } from './calls.errors.js';
import type { RingPolicy } from './calls.rules.js';

/** Roles that work a call desk; department heads and managers may watch and step in. */
export const deskRoles = ['agent', 'guard', 'dept_head', 'manager'] as const;

export type CallDeskKind = 'service_centre' | 'security_post';

export interface DeskContext {
  deskId: string;
  deskName: string;
  deskKind: CallDeskKind;
  deskPhone: string;
  projectId: string;
  projectName: string;
  companyId: string;
  companyShortName: string;
  policy: RingPolicy;
}

// The CTI webhook reads a desk's context for every event (200/s): a short cache keeps the desk,
// project and company names off the database (renames are seen within the TTL). The ring policy is
// read through getSetting every time, whose own cache a settings change clears at once.
const namesTtlMs = 5_000;
const namesCache = new Map<string, { at: number; context: DeskContext }>();

export async function loadDeskContextCached(db: Tx, companyId: string, deskId: string): Promise<DeskContext> {
  const key = `${companyId}|${deskId}`;
  const cached = namesCache.get(key);
  if (cached && Date.now() - cached.at < namesTtlMs)
    return { ...cached.context, policy: await readRingPolicy(db, cached.context) };
  const context = await loadDeskContext(db, companyId, deskId);
  namesCache.set(key, { at: Date.now(), context });
  return context;
}

async function readRingPolicy(
  db: Tx,
  desk: Pick<DeskContext, 'companyId' | 'projectId' | 'deskId' | 'deskKind'>,
): Promise<RingPolicy> {
  const scope = { companyId: desk.companyId, projectId: desk.projectId, deskId: desk.deskId };
  const [cadenceSeconds, ringOnSeconds, counting, maxRings] = await Promise.all([
    getSetting(db, 'calls.ringCadenceSeconds', scope),
    getSetting(db, 'calls.ringOnSeconds', scope),
    getSetting(db, 'calls.ringCounting', scope),
    getSetting(
      db,
      desk.deskKind === 'service_centre' ? 'calls.maxRings.serviceCentre' : 'calls.maxRings.securityPost',
      scope,
    ),
  ]);
  return { cadenceSeconds, ringOnSeconds, counting, maxRings };
}

/** A call desk with what every call on it needs: names for the scripts and the ring policy (CS-1/SEC-1). */
export async function loadDeskContext(db: Tx, companyId: string, deskId: string): Promise<DeskContext> {
  const desk = await getDeskById(db, { companyId }, deskId);
  if (desk.kind !== 'service_centre' && desk.kind !== 'security_post')
    throw new AppError(callsErrors.DESK_KIND_NOT_SUPPORTED);
  const company = await getCompanyById(db, companyId);
  const deskKind: CallDeskKind = desk.kind;
  const policy = await readRingPolicy(db, { companyId, projectId: desk.projectId, deskId, deskKind });
  return {
    deskId,
    deskName: desk.name,
    deskKind,
    deskPhone: desk.phone,
    projectId: desk.projectId,
    projectName: desk.projectName,
    companyId,
    companyShortName: company.shortName,
    policy,
  };
}

export function canWorkDesk(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['admin', ...deskRoles], projectId);
}

export function assertCanWorkDesk(actor: Actor, projectId: string): void {
  if (!canWorkDesk(actor, projectId)) throw new AppError(callsErrors.DESK_NOT_ALLOWED);
}

/** Loads the desk and checks the actor may work it. */
export async function loadDeskForActor(db: Tx, actor: Actor, deskId: string): Promise<DeskContext> {
  const context = await loadDeskContext(db, actor.companyId, deskId);
  assertCanWorkDesk(actor, context.projectId);
  return context;
}

export function localeOf(actor: Pick<Actor, 'locale'>): Locale {
  return actor.locale;
}
