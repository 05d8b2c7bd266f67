import { type Expression, type SqlBool, sql } from 'kysely';
import { type SubjectKind, subjectKinds } from '../../../contracts/conformance.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibility } from '../../platform/auth/scope.js';
import type { Tx } from '../../platform/db/database.js';
import { getDeskById } from '../org/index.js';
import { findDirectoryStaff, getStaffById } from '../staff/index.js';

/**
 * Whose scores a caller may see (CONF): everyone their own; a department head their department's
 * staff and the desks of their projects; a project manager their projects; the administrator the
 * company. Routes declare the company scope (this module's figures are the company's), and this
 * narrows it by role.
 */
export interface ConformanceReach {
  companyId: string;
  wholeCompany: boolean;
  /** Projects seen whole (manager, administrator). */
  projects: string[];
  /** Projects whose desks' scores are seen (department head); null = every project of the company. */
  deskProjects: string[] | null | undefined;
  /** People whose scores are seen wherever they are (oneself, one's department). */
  staffIds: string[];
}

export async function reachOf(db: Tx, actor: Actor): Promise<ConformanceReach> {
  visibility(actor, 'company');
  const reach: ConformanceReach = {
    companyId: actor.companyId,
    wholeCompany: actor.system === true,
    projects: [],
    deskProjects: undefined,
    staffIds: [actor.staffId],
  };
  let isHead = false;
  for (const grant of actor.grants) {
    if (grant.role === 'admin' || grant.role === 'manager') {
      if (grant.projectId === null) reach.wholeCompany = true;
      else reach.projects.push(grant.projectId);
    }
    if (grant.role === 'dept_head') {
      isHead = true;
      if (grant.projectId === null) reach.deskProjects = null;
      else if (reach.deskProjects !== null)
        reach.deskProjects = [...(reach.deskProjects ?? []), grant.projectId];
    }
  }
  if (isHead && !reach.wholeCompany) {
    const me = await getStaffById(db, actor, actor.staffId).catch(() => null);
    if (me?.departmentId) {
      const members = await findDirectoryStaff(
        db,
        { companyId: actor.companyId, departmentId: me.departmentId },
        10_000,
      );
      reach.staffIds.push(...members.map((member) => member.id).filter((id) => id !== actor.staffId));
    }
  }
  return reach;
}

/** The SQL condition for rows of the conformance tables (`prefix` = the table's name as written). */
export function reachCondition(
  reach: ConformanceReach,
  table: 'conformance_scores' | 'conformance_daily',
): Expression<SqlBool> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const company = sql<SqlBool>`${column('company_id')} = ${reach.companyId}`;
  if (reach.wholeCompany) return company;
  const terms: Expression<SqlBool>[] = [];
  if (reach.projects.length)
    terms.push(sql<SqlBool>`${column('project_id')} in (${sql.join(reach.projects)})`);
  const hasDesk =
    table === 'conformance_daily'
      ? sql<SqlBool>`${column('desk_id')} <> ''`
      : sql<SqlBool>`${column('desk_id')} is not null`;
  if (reach.deskProjects === null) terms.push(hasDesk);
  else if (reach.deskProjects?.length)
    terms.push(sql<SqlBool>`(${hasDesk} and ${column('project_id')} in (${sql.join(reach.deskProjects)}))`);
  terms.push(sql<SqlBool>`${column('staff_id')} in (${sql.join(reach.staffIds)})`);
  return sql<SqlBool>`(${company} and (${sql.join(terms, sql` or `)}))`;
}

/** Whether the caller may see one stored or re-evaluated subject. */
export function reachSees(
  reach: ConformanceReach,
  subject: { companyId: string; projectId: string; deskId: string | null; staffId: string | null },
): boolean {
  if (subject.companyId !== reach.companyId) return false;
  if (reach.wholeCompany || reach.projects.includes(subject.projectId)) return true;
  if (subject.deskId && (reach.deskProjects === null || reach.deskProjects?.includes(subject.projectId)))
    return true;
  return subject.staffId !== null && reach.staffIds.includes(subject.staffId);
}

/**
 * The scope the scored record itself lives in: a score's evidence shows the record (times, names,
 * what was said), so only those who may see the record in its own module may open it — the
 * administrator sees the company's figures but not the calls, customers and deals behind them.
 */
const recordScopeOf: Record<SubjectKind, 'desk' | 'owner' | 'deal'> = {
  call: 'desk',
  message: 'desk',
  leader_call: 'desk',
  incident: 'desk',
  sales_call: 'owner',
  visit: 'owner',
  follow_up: 'owner',
  deal: 'deal',
};

/** Whether the actor may see the scored record in its own module's scope. */
export async function recordVisible(
  db: Tx,
  actor: Actor,
  kind: SubjectKind,
  subject: { companyId: string; projectId: string; deskId: string | null; staffId: string | null },
): Promise<boolean> {
  const scope = visibility(actor, recordScopeOf[kind]);
  const deskKind =
    recordScopeOf[kind] === 'desk' && subject.deskId
      ? ((await getDeskById(db, actor, subject.deskId).catch(() => null))?.kind ?? null)
      : null;
  return scope.sees({
    companyId: subject.companyId,
    projectId: subject.projectId,
    ownerId: subject.staffId,
    participantIds: [subject.staffId],
    deskKind,
  });
}

/** The subject kinds whose records the actor may see anywhere (a list leaves the others out). */
export function visibleRecordKinds(actor: Actor): SubjectKind[] {
  return subjectKinds.filter((kind) => {
    const scope = visibility(actor, recordScopeOf[kind]);
    const projects = scope.projectIds();
    return projects === null || projects.length > 0;
  });
}
