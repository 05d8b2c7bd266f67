import type { Role } from '../../../contracts/roles.js';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { ScopedObject } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { buildStaff } from '../factories.js';
import {
  type ObjectKind,
  type Relation,
  type Secret,
  type SiteName,
  scopeOfKind,
  type WorldObject,
} from './types.js';

export const markerOf: Record<SiteName, string> = { p1: '泄露甲', p2: '泄露乙', b: '泄露丙' };
/** Phone prefixes per site: every whole number in the world is unique. */
export const phonePrefix: Record<SiteName, string> = { p1: '1371', p2: '1372', b: '1373' };

export const minutes = (date: Date, count: number) => new Date(date.getTime() + count * 60_000);

export interface Site {
  name: SiteName;
  companyId: string;
  /** The sales project (customers, deals, units) and the managed estate (desks, calls). */
  projectId: string;
  estateProjectId: string;
  system: Actor;
  staff: Partial<Record<Role, Actor & { username: string }>>;
  other: Actor & { username: string };
}

export function phone(site: SiteName, index: number): string {
  return `${phonePrefix[site]}${String(1_000_000 + index).slice(-7)}`;
}

/** Company, its project(s), and the project's sales and desk staff. */
export async function buildSiteStaff(
  db: Db,
  site: { name: SiteName; companyId: string; projectId: string; estateProjectId: string },
  roleList: readonly Role[],
): Promise<Site> {
  const staff: Site['staff'] = {};
  for (const role of roleList)
    staff[role] = await buildStaff(db, site, {
      roles:
        role === 'admin'
          ? [{ role, projectId: null }]
          : [
              { role, projectId: site.projectId },
              { role, projectId: site.estateProjectId },
            ],
      displayName: `${markerOf[site.name]}${role}`,
    });
  const other = await buildStaff(db, site, {
    roles: [{ role: 'consultant', projectId: site.projectId }],
    displayName: `${markerOf[site.name]}顾问`,
  });
  return { ...site, system: systemActor(site.companyId), staff, other };
}

type Staffer = Actor & { username: string };

/** What each section builder of a site shares: the site, its staff, its marker, and `add`. */
export interface SiteContext {
  db: Db;
  site: Site;
  now: Date;
  /** Text only this site's objects carry. */
  mark: string;
  companyId: string;
  projectId: string;
  system: Actor;
  other: Staffer;
  controller: Staffer;
  manager: Staffer;
  finance: Staffer;
  agent: Staffer;
  guard: Staffer;
  /** The site's estate (its desks), as a scope. */
  estate: { companyId: string; projectId: string };
  /** Records an object of the site. */
  add: (kind: ObjectKind, id: string, options?: AddOptions) => void;
  objects: WorldObject[];
}

export interface AddOptions {
  markers?: string[];
  secrets?: Secret[];
  scoped?: Partial<ScopedObject>;
  table?: string;
}

export function siteContext(db: Db, site: Site, now: Date): SiteContext {
  const objects: WorldObject[] = [];
  const { companyId, projectId } = site;
  const relationFor = (kind: ObjectKind): Relation =>
    site.name === 'p2'
      ? 'other-project'
      : site.name === 'b'
        ? 'other-company'
        : scopeOfKind[kind] === 'desk'
          ? 'other-desk'
          : kind === 'openingBuyer' || kind === 'opening'
            ? 'other-buyer'
            : 'other-consultant';
  const add = (kind: ObjectKind, id: string, options: AddOptions = {}) => {
    objects.push({
      kind,
      id,
      site: site.name,
      relation: relationFor(kind),
      markers: options.markers ?? [],
      secrets: options.secrets ?? [],
      scoped: { companyId, projectId, ...options.scoped },
      row: options.table ? { table: options.table, id } : undefined,
    });
  };
  return {
    db,
    site,
    now,
    mark: markerOf[site.name],
    companyId,
    projectId,
    system: site.system,
    other: site.other,
    controller: site.staff.controller!,
    manager: site.staff.manager!,
    finance: site.staff.finance!,
    agent: site.staff.agent!,
    guard: site.staff.guard!,
    estate: { companyId, projectId: site.estateProjectId },
    add,
    objects,
  };
}
