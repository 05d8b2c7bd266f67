import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/roles.js';
import { buildOrg, type TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import type { Actor } from './actor.js';
import { ScopeTracker, Visibility, visibility } from './scope.js';

const company = 'company-a';
const me = 'staff-me';

function actor(grants: Array<[Role, string | null]>, companyId = company): Actor {
  return {
    staffId: me,
    companyId,
    displayName: 'me',
    locale: 'zh-CN',
    grants: grants.map(([role, projectId]) => ({ role, projectId })),
  };
}

describe('object scope rules (issue 13)', () => {
  it('a consultant sees their own customer and deal, not a colleague’s; a manager sees the project’s', () => {
    const consultant = actor([['consultant', 'p1']]);
    const own = { companyId: company, projectId: 'p1', ownerId: me };
    const colleague = { companyId: company, projectId: 'p1', ownerId: 'staff-other' };
    expect(new Visibility(consultant, 'owner').sees(own)).toBe(true);
    expect(new Visibility(consultant, 'owner').sees(colleague)).toBe(false);
    expect(new Visibility(consultant, 'deal').sees({ ...colleague, participantIds: ['x', me] })).toBe(true);
    expect(new Visibility(consultant, 'deal').sees({ ...colleague, participantIds: ['x', null] })).toBe(
      false,
    );
    const manager = actor([['manager', 'p1']]);
    expect(new Visibility(manager, 'owner').sees(colleague)).toBe(true);
    expect(new Visibility(manager, 'owner').sees({ ...colleague, projectId: 'p2' })).toBe(false);
  });

  it('the administrator has no reach in customers, deals or call records, only in company and project data', () => {
    const admin = actor([['admin', null]]);
    const object = {
      companyId: company,
      projectId: 'p1',
      ownerId: 'x',
      participantIds: ['x'],
      deskKind: 'service_centre',
    };
    expect(new Visibility(admin, 'owner').sees(object)).toBe(false);
    expect(new Visibility(admin, 'deal').sees(object)).toBe(false);
    expect(new Visibility(admin, 'desk').sees(object)).toBe(false);
    expect(new Visibility(admin, 'project').sees(object)).toBe(true);
    expect(new Visibility(admin, 'company').sees({ companyId: company, projectId: null })).toBe(true);
  });

  it('desks: a guard reaches security posts, an agent the service centre, a department head both', () => {
    const post = { companyId: company, projectId: 'p1', deskKind: 'security_post' };
    const centre = { ...post, deskKind: 'service_centre' };
    expect(new Visibility(actor([['guard', 'p1']]), 'desk').sees(post)).toBe(true);
    expect(new Visibility(actor([['guard', 'p1']]), 'desk').sees(centre)).toBe(false);
    expect(new Visibility(actor([['agent', 'p1']]), 'desk').sees(post)).toBe(false);
    expect(new Visibility(actor([['dept_head', 'p1']]), 'desk').sees(post)).toBe(true);
    expect(new Visibility(actor([['dept_head', 'p1']]), 'desk').sees(centre)).toBe(true);
  });

  it('nothing of another company, whatever the grant', () => {
    const manager = actor([['manager', null]]);
    expect(
      new Visibility(manager, 'owner').sees({ companyId: 'company-b', projectId: 'p1', ownerId: me }),
    ).toBe(false);
    expect(() =>
      new Visibility(manager, 'deal').assertSees({ companyId: 'company-b', projectId: 'p9' }),
    ).toThrow(expect.objectContaining({ definition: expect.objectContaining({ code: 'NOT_FOUND' }) }));
  });

  it('records that the request applied the scope its route declared', () => {
    const person = actor([['consultant', 'p1']]);
    person.scopeTracker = new ScopeTracker('owner');
    expect(person.scopeTracker.isSatisfied()).toBe(false);
    visibility(person, 'deal');
    expect(person.scopeTracker.isSatisfied()).toBe(false);
    visibility(person, 'owner');
    expect(person.scopeTracker.isSatisfied()).toBe(true);
    expect(new ScopeTracker('self').isSatisfied()).toBe(true);
  });
});

describe('object scope in SQL, on a real database', () => {
  let database: TestDatabase;
  let orgA: TestOrg;
  let orgB: TestOrg;

  beforeAll(async () => {
    database = await createTestDatabase();
    orgA = await buildOrg(database.db);
    orgB = await buildOrg(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  const visibleProjects = (person: Actor, projectId?: string) => {
    let query = database.db
      .selectFrom('projects')
      .select('projects.id')
      .where(visibility(person, 'project').condition({ projectId: 'projects.id' }));
    if (projectId) query = query.where('projects.id', '=', projectId);
    return query.execute().then((rows) => rows.map((row) => row.id).sort());
  };

  it('a company-wide grant reaches its own company’s projects, never another company’s asked for by id', async () => {
    const admin = actor([['admin', null]], orgA.companyId);
    expect(await visibleProjects(admin)).toEqual([orgA.salesProjectId, orgA.estateProjectId].sort());
    expect(await visibleProjects(admin, orgB.salesProjectId)).toEqual([]);
  });

  it('a project grant reaches that project only; a role with no reach in a scope sees no row', async () => {
    const consultant = actor([['consultant', orgA.salesProjectId]], orgA.companyId);
    expect(await visibleProjects(consultant)).toEqual([orgA.salesProjectId]);
    const rows = await database.db
      .selectFrom('desks')
      .select('desks.id')
      .where(visibility(consultant, 'desk').condition({ projectId: 'desks.projectId', deskId: 'desks.id' }))
      .execute();
    expect(rows).toEqual([]);
    const guard = actor([['guard', orgA.estateProjectId]], orgA.companyId);
    const guardDesks = await database.db
      .selectFrom('desks')
      .select('desks.id')
      .where(visibility(guard, 'desk').condition({ projectId: 'desks.projectId', deskId: 'desks.id' }))
      .execute();
    expect(guardDesks.map((row) => row.id)).toEqual([orgA.postDeskId]);
  });
});
