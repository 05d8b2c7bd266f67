import type { Locale, Localized } from '../../../contracts/locales.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import { createCache } from '../../platform/cache.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError, localized } from '../../platform/errors.js';
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
const namesCache = createCache<DeskContext>({ name: 'calls-desk-names', max: 1000, ttlMs: 5_000 });

export async function loadDeskContextCached(db: Tx, companyId: string, deskId: string): Promise<DeskContext> {
  const key = `${companyId}|${deskId}`;
  const cached = namesCache.get(db, key);
  if (cached) return { ...cached, policy: await readRingPolicy(db, cached) };
  const context = await loadDeskContext(db, companyId, deskId);
  namesCache.set(db, key, context);
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

const deskEntity = localized('接听席', '接聽席', 'Desk');

/**
 * Loads a call desk the actor staffs (desk scope: agents the service centres, guards the security
 * posts, department heads and managers both, in their projects). Any other desk does not exist for
 * them: 404, with the entity of what they asked for (a call, an incident…).
 */
export async function loadDeskForActor(
  db: Tx,
  actor: Actor,
  deskId: string,
  entity: Localized = deskEntity,
): Promise<DeskContext> {
  const context = await loadDeskContext(db, actor.companyId, deskId);
  visibility(actor, 'desk').assertSees(
    { companyId: context.companyId, projectId: context.projectId, deskKind: context.deskKind },
    entity,
  );
  return context;
}

/**
 * Loads a call desk as its project's configuration (scripts, emergency contacts, CTI): set up by the
 * administrator, read by everyone of the project (project scope).
 */
export async function loadDeskInProject(db: Tx, actor: Actor, deskId: string): Promise<DeskContext> {
  const context = await loadDeskContext(db, actor.companyId, deskId);
  visibility(actor, 'project').assertSees(
    { companyId: context.companyId, projectId: context.projectId },
    deskEntity,
  );
  return context;
}

/** The SQL condition keeping a desk's records (calls, messages, incidents…) the actor may see. */
export function deskRecordsCondition(
  actor: Actor,
  table: 'calls' | 'callMessages' | 'incidents' | 'leaderCalls',
) {
  return visibility(actor, 'desk').condition({
    companyId: `${table}.companyId`,
    projectId: `${table}.projectId`,
    deskId: `${table}.deskId`,
  });
}

export function localeOf(actor: Pick<Actor, 'locale'>): Locale {
  return actor.locale;
}
