import { type Expression, type SqlBool, sql } from 'kysely';
import type { Localized } from '../../../contracts/locales.js';
import { type Role, roles } from '../../../contracts/roles.js';
import { AppError, commonErrors } from '../errors.js';
import type { Actor } from './actor.js';

/**
 * Object scope: which objects a caller may know exist. Every /api route declares the scope it
 * serves in `config.scope` beside `config.access` (which roles may call it); the use cases apply
 * it through `visibility(actor, kind)` — `assertSees` for one object (404 when not visible, never
 * 403, so a caller cannot probe what exists), `where` for lists and exports (filtered in SQL).
 * The access hook refuses a route that declares none at start, and refuses to send a successful
 * answer of a route whose declared scope was never applied during the request (SCOPE_NOT_APPLIED),
 * so a forgotten check fails loudly in the route-matrix test instead of leaking.
 *
 * - public:  no caller (login, health, signed webhooks)
 * - self:    the caller's own account, session, preferences and inbox
 * - buyer:   an online-opening buyer, identified by their own token (never staff)
 * - company: the caller's company's shared reference data (projects, staff directory, settings)
 * - project: a project's objects every member of it works with (units, board, price lists, forms)
 * - desk:    calls, messages, incidents, leader calls: by the kind of desk a role staffs
 * - owner:   customers and their follow-ups and visits: the owning consultant, and the project's
 *            managers, controllers, finance and data-protection officer
 * - deal:    deals and their money and papers: the deal's participants (consultant, collector,
 *            witness, reviewer) and the project's finance, controllers, managers and DPO
 * - workorder: the property desk's work orders (报修/投诉/咨询): the desks' staff, department heads
 *            and managers see the project's; an engineer those assigned to them (participant) — the
 *            workorders module adds their team's (a department) on top
 */
export const scopeKinds = [
  'public',
  'self',
  'buyer',
  'company',
  'project',
  'desk',
  'owner',
  'deal',
  'workorder',
] as const;
export type ScopeKind = (typeof scopeKinds)[number];
export type ObjectScopeKind = Exclude<ScopeKind, 'public' | 'self' | 'buyer'>;

/**
 * How far a role reaches in a scope, in the projects its grant covers:
 * - project: every object of the project
 * - own: the objects it owns (ownerId)
 * - participant: the objects it takes part in (participantIds)
 * - desk:<kind>: the objects of the project's desks of that kind
 * A role absent from a scope's row sees nothing of it. The table is the reviewer's one place to
 * read who sees what; docs/access-matrix.md prints it with the fields each reach shows.
 */
export type Reach = 'project' | 'own' | 'participant' | 'desk:service_centre' | 'desk:security_post';

/** Company reference data and a project's shared objects: every member of staff, in the projects of their grants. */
const everyMember: Partial<Record<Role, readonly Reach[]>> = Object.fromEntries(
  roles.map((role) => [role, ['project'] as const]),
);

export const scopeRules: Record<ObjectScopeKind, Partial<Record<Role, readonly Reach[]>>> = {
  company: everyMember,
  project: everyMember,
  desk: {
    agent: ['desk:service_centre'],
    guard: ['desk:security_post'],
    dept_head: ['desk:service_centre', 'desk:security_post'],
    manager: ['desk:service_centre', 'desk:security_post'],
  },
  owner: {
    manager: ['project'],
    controller: ['project'],
    finance: ['project'],
    dpo: ['project'],
    consultant: ['own'],
  },
  deal: {
    manager: ['project'],
    controller: ['project'],
    finance: ['project'],
    dpo: ['project'],
    consultant: ['participant'],
  },
  workorder: {
    agent: ['project'],
    guard: ['project'],
    dept_head: ['project'],
    manager: ['project'],
    engineer: ['participant'],
  },
};

/** What an object tells the scope about itself; the fields a scope kind does not use may be left out. */
export interface ScopedObject {
  companyId: string;
  /** null: an object of the company, not of one project (a department, a company setting). */
  projectId: string | null;
  /** The owning consultant (owner scope). */
  ownerId?: string | null;
  /** The people who take part in it (deal scope): consultant, collector, witness, reviewer… */
  participantIds?: readonly (string | null | undefined)[];
  /** The kind of desk it belongs to (desk scope). */
  deskKind?: string | null;
}

/** Column names (as written in the query, e.g. 'deals.projectId') a list filter is applied to. */
export interface ScopeColumns {
  companyId?: string;
  projectId: string;
  ownerId?: string;
  participantIds?: readonly string[];
  /** A column holding a desk id; filtered through the desks table's kind. */
  deskId?: string;
}

/** Per request: the scope the route declared and the scopes its use cases applied. */
export class ScopeTracker {
  readonly applied = new Set<ScopeKind>();
  constructor(readonly declared: ScopeKind) {}
  isSatisfied(): boolean {
    if (this.declared === 'public' || this.declared === 'self' || this.declared === 'buyer') return true;
    return this.applied.has(this.declared);
  }
}

const notFoundEntity: Localized = { 'zh-CN': '记录', 'zh-TW': '記錄', en: 'Record' };

/** The visibility of one scope kind for one actor. Made by `visibility(actor, kind)`. */
export class Visibility {
  /** Per project id (null = every project of the company): the reaches the actor's grants give. */
  private readonly reaches: Map<string | null, Set<Reach>>;
  readonly unrestricted: boolean;

  constructor(
    readonly actor: Actor,
    readonly kind: ObjectScopeKind,
  ) {
    this.unrestricted = actor.system === true;
    this.reaches = new Map();
    const rules = scopeRules[kind];
    for (const grant of actor.grants) {
      const granted = rules[grant.role];
      if (!granted) continue;
      const set = this.reaches.get(grant.projectId) ?? new Set<Reach>();
      for (const reach of granted) set.add(reach);
      this.reaches.set(grant.projectId, set);
    }
  }

  /** The reaches the actor has in one project (company-wide grants included). */
  reachesIn(projectId: string | null): Set<Reach> {
    const result = new Set<Reach>(this.reaches.get(null) ?? []);
    if (projectId !== null) for (const reach of this.reaches.get(projectId) ?? []) result.add(reach);
    return result;
  }

  /** Projects in which the actor sees anything of this scope; null: every project of the company. */
  projectIds(): string[] | null {
    if (this.unrestricted || this.reaches.has(null)) return null;
    return [...this.reaches.keys()].filter((id): id is string => id !== null);
  }

  /** True when the actor sees every object of this scope in the project (no own/participant/desk limit). */
  seesWholeProject(projectId: string): boolean {
    return this.unrestricted || this.reachesIn(projectId).has('project');
  }

  /** Whether the actor may see (know of) one object. */
  sees(object: ScopedObject): boolean {
    if (object.companyId !== this.actor.companyId) return false;
    if (this.unrestricted) return true;
    if (object.projectId === null) return this.kind === 'company' && this.reaches.size > 0;
    const reaches = this.reachesIn(object.projectId);
    for (const reach of reaches) {
      if (reach === 'project') return true;
      if (reach === 'own' && object.ownerId != null && object.ownerId === this.actor.staffId) return true;
      if (reach === 'participant' && object.participantIds?.includes(this.actor.staffId)) return true;
      if (reach.startsWith('desk:') && object.deskKind === reach.slice(5)) return true;
    }
    return false;
  }

  /** Throws NOT_FOUND (404) unless the actor may see the object: what they may not see does not exist for them. */
  assertSees(object: ScopedObject | undefined | null, entity: Localized = notFoundEntity): void {
    if (!object || !this.sees(object)) throw new AppError(commonErrors.NOT_FOUND, { entity });
  }

  /** Throws NOT_FOUND unless the actor sees something of this scope in the project (a list filtered by project). */
  assertProject(projectId: string, entity: Localized = notFoundEntity): void {
    if (this.unrestricted) return;
    if (this.reachesIn(projectId).size === 0) throw new AppError(commonErrors.NOT_FOUND, { entity });
  }

  /**
   * The SQL condition that keeps only visible rows, for lists, exports and counts alike:
   * `query.where(visibility.condition({ companyId: 'deals.companyId', projectId: 'deals.projectId', … }))`.
   * Each reach needs its column; a reach whose column the query does not name hides those rows.
   */
  condition(columns: ScopeColumns): Expression<SqlBool> {
    const terms = this.conditionTerms(columns);
    return terms.length === 1 ? terms[0]! : sql<SqlBool>`(${sql.join(terms, sql` or `)})`;
  }

  /**
   * The same condition as the terms of its OR — one per limiting column (`consultant_id = me`,
   * `opened_by = me` …) or a single one when the caller sees whole projects. A list pages over
   * them with `pagedQueryOverTerms`, each term served in the list's order by its own index.
   * `withinProject`, for a list filtered by one project, narrows each term to it (`project_id = ?`
   * rather than `in (…)`, so the index still gives the order) and drops the terms of other projects.
   */
  conditionTerms(columns: ScopeColumns, withinProject?: string): Expression<SqlBool>[] {
    const company = columns.companyId
      ? sql<SqlBool>`${sql.ref(columns.companyId)} = ${this.actor.companyId}`
      : undefined;
    const terms = this.unrestricted ? [sql<SqlBool>`1 = 1`] : this.grantTerms(columns, withinProject);
    if (terms.length === 0) return [sql<SqlBool>`1 = 0`];
    return company ? terms.map((term) => sql<SqlBool>`(${company} and ${term})`) : terms;
  }

  private grantTerms(columns: ScopeColumns, withinProject?: string): Expression<SqlBool>[] {
    const project = sql.ref(columns.projectId);
    const inProjects = (projects: string[]): Expression<SqlBool> | undefined => {
      if (withinProject === undefined) return sql<SqlBool>`${project} in (${sql.join(projects)})`;
      return projects.includes(withinProject) ? sql<SqlBool>`${project} = ${withinProject}` : undefined;
    };
    const disjuncts: Expression<SqlBool>[] = [];
    const wholeProjects: string[] = [];
    let wholeCompany = false;
    for (const [projectId, reaches] of this.reaches) {
      if (reaches.has('project')) {
        if (projectId === null) wholeCompany = true;
        else wholeProjects.push(projectId);
      }
    }
    // A company-wide grant reaches the company's projects, never a project id of another company
    // (a list asked for with a foreign projectId must come back empty even without a company column).
    // Rows of no project (company-level) pass when the query names its company column, which
    // `condition` then checks.
    if (wholeCompany) {
      const companyProjects = sql<SqlBool>`${project} in (select ${sql.ref('projects.id')} from ${sql.table('projects')} where ${sql.ref('projects.companyId')} = ${this.actor.companyId})`;
      return [columns.companyId ? sql<SqlBool>`(${project} is null or ${companyProjects})` : companyProjects];
    }
    const wholeProjectTerm = wholeProjects.length > 0 ? inProjects(wholeProjects) : undefined;
    if (wholeProjectTerm) disjuncts.push(wholeProjectTerm);
    // One term per limiting column, each with the projects where it applies — `(consultant_id = me
    // and project_id in (…)) or (opened_by = me and project_id in (…))` — so that every term of the
    // OR is served by its column's index (SQLite's multi-index OR, PostgreSQL's bitmap OR) instead
    // of a scan of the projects' rows.
    const terms = new Map<string, { column: Expression<SqlBool>; projects: Set<string> | null }>();
    const addTerm = (key: string, column: Expression<SqlBool>, projectId: string | null) => {
      const known = terms.get(key) ?? { column, projects: new Set<string>() };
      if (projectId === null) known.projects = null;
      else known.projects?.add(projectId);
      terms.set(key, known);
    };
    for (const [projectId, reaches] of this.reaches) {
      if (reaches.has('project')) continue;
      if (reaches.has('own') && columns.ownerId)
        addTerm(
          `own:${columns.ownerId}`,
          sql<SqlBool>`${sql.ref(columns.ownerId)} = ${this.actor.staffId}`,
          projectId,
        );
      if (reaches.has('participant') && columns.participantIds)
        for (const column of columns.participantIds)
          addTerm(
            `participant:${column}`,
            sql<SqlBool>`${sql.ref(column)} = ${this.actor.staffId}`,
            projectId,
          );
      if (columns.deskId)
        for (const reach of reaches)
          if (reach.startsWith('desk:'))
            addTerm(
              reach,
              sql<SqlBool>`${sql.ref(columns.deskId)} in (select ${sql.ref('desks.id')} from ${sql.table('desks')} where ${sql.ref('desks.kind')} = ${reach.slice(5)})`,
              projectId,
            );
    }
    for (const { column, projects } of terms.values()) {
      if (projects === null) {
        disjuncts.push(column);
        continue;
      }
      const where = inProjects([...projects]);
      if (where) disjuncts.push(sql<SqlBool>`(${column} and ${where})`);
    }
    return disjuncts;
  }
}

/**
 * The actor's visibility of one scope kind, and the record that the request applied it (the
 * access hook checks that the route's declared scope was applied before a successful answer).
 */
export function visibility(actor: Actor, kind: ObjectScopeKind): Visibility {
  actor.scopeTracker?.applied.add(kind);
  return new Visibility(actor, kind);
}

/** For routes of the self scope that still touch company data of the caller (their own inbox…). */
export function markScopeApplied(actor: Actor, kind: ScopeKind): void {
  actor.scopeTracker?.applied.add(kind);
}
