import { describe, expect, it } from 'vitest';
import { useAdminWorld } from '../../testing/admin-world.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { signIn } from '../../testing/test-app.js';
import { insertBuilding } from './org.queries.js';

describe('organisation: projects, buildings, doors, departments, desks', () => {
  const world = useAdminWorld();

  it('creates a managed estate with buildings and doors (樓門) and lists them', async () => {
    const project = (
      await world.admin.request('POST', '/api/org/projects', {
        name: '滨江花园',
        kind: 'estate',
        city: '杭州',
      })
    ).json();
    const building = await world.admin.request('POST', `/api/org/projects/${project.id}/buildings`, {
      name: '3栋',
      floorCount: 20,
    });
    expect(building.statusCode).toBe(201);
    await world.admin.request('POST', `/api/org/buildings/${building.json().id}/doors`, { name: '1单元' });
    await world.admin.request('POST', `/api/org/buildings/${building.json().id}/doors`, { name: '2单元' });
    const listed = (await world.admin.request('GET', `/api/org/projects/${project.id}/buildings`)).json();
    expect(listed.items[0]).toMatchObject({
      name: '3栋',
      floorCount: 20,
      doors: [{ name: '1单元' }, { name: '2单元' }],
    });
    const projects = (await world.admin.request('GET', '/api/org/projects')).json().items;
    expect(projects.find((item: { id: string }) => item.id === project.id)).toMatchObject({
      buildingCount: 1,
      deskCount: 0,
    });
  });

  it('refuses a duplicate building name in a project, changing nothing', async () => {
    const first = await world.admin.request(
      'POST',
      `/api/org/projects/${world.org.estateProjectId}/buildings`,
      {
        name: '8栋',
      },
    );
    expect(first.statusCode).toBe(201);
    const auditBefore = await world.database.db
      .selectFrom('auditHead')
      .select('seq')
      .executeTakeFirstOrThrow();
    const second = await world.admin.request(
      'POST',
      `/api/org/projects/${world.org.estateProjectId}/buildings`,
      {
        name: '8栋',
      },
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('NAME_TAKEN');
    expect(second.json().error.fields.name).toContain('8栋');
    // the entity in a not-found message is named in the user's language too
    const missing = await world.admin.request('GET', `/api/org/projects/no-such-project/buildings`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('找不到项目。');
    const auditAfter = await world.database.db
      .selectFrom('auditHead')
      .select('seq')
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.seq)).toBe(Number(auditBefore.seq));
  });

  it('keeps desk kinds to their project kind', async () => {
    const wrong = await world.admin.request('POST', '/api/org/desks', {
      projectId: world.org.salesProjectId,
      name: '西门卡口',
      kind: 'security_post',
      phone: '',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.kind).toBeDefined();
    const right = await world.admin.request('POST', '/api/org/desks', {
      projectId: world.org.estateProjectId,
      name: '西门卡口',
      kind: 'security_post',
      phone: '0755-1234',
    });
    expect(right.statusCode).toBe(201);
    expect(right.json().projectName).toBe('测试家园');
  });

  it('sets a department head who must be staff of the company', async () => {
    const person = await buildStaff(world.database.db, world.org, { displayName: '何平' });
    const created = await world.admin.request('POST', '/api/org/departments', {
      name: '保安部',
      headStaffId: person.staffId,
    });
    expect(created.json()).toMatchObject({ name: '保安部', headStaffName: '何平', staffCount: 0 });
    const bad = await world.admin.request('PUT', `/api/org/departments/${created.json().id}`, {
      name: '保安部',
      headStaffId: 'nobody',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.headStaffId).toBeDefined();
  });

  it('the project list shows each change at once on this instance, and never a rolled-back one', async () => {
    const countsOf = async () =>
      (await world.admin.request('GET', '/api/org/projects'))
        .json()
        .items.find((item: { id: string }) => item.id === world.org.estateProjectId) as {
        name: string;
        buildingCount: number;
        deskCount: number;
      };
    const before = await countsOf();
    await world.admin.request('POST', `/api/org/projects/${world.org.estateProjectId}/buildings`, {
      name: '列表1栋',
    });
    expect((await countsOf()).buildingCount).toBe(before.buildingCount + 1);
    const renamed = await world.admin.request('PUT', `/api/org/projects/${world.org.estateProjectId}`, {
      name: '改名花园',
      city: '深圳',
      address: '',
      isArchived: false,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await countsOf()).name).toBe('改名花园');
    // A building written inside a transaction that rolls back: the list read after it has no trace.
    await world.database.db
      .transaction()
      .execute(async (trx) => {
        await insertBuilding(trx, {
          id: 'rolled-back-building',
          projectId: world.org.estateProjectId,
          name: '回滚楼',
          floorCount: null,
          sortOrder: 99,
          createdAt: new Date().toISOString(),
        });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await countsOf()).buildingCount).toBe(before.buildingCount + 1);
  });

  it('shows a project-scoped member of staff only their own projects', async () => {
    const consultant = await buildStaff(world.database.db, world.org, {
      roles: [{ role: 'consultant', projectId: world.org.salesProjectId }],
    });
    const session = await signIn(world.app, consultant.username);
    const projects = (await session.request('GET', '/api/org/projects')).json().items;
    expect(projects.map((project: { id: string }) => project.id)).toEqual([world.org.salesProjectId]);
    expect(
      (await session.request('GET', `/api/org/projects/${world.org.estateProjectId}/buildings`)).statusCode,
    ).toBe(404);
  });

  it("shows another company's administrator none of this company's projects, buildings, doors or desks (404)", async () => {
    const other = await buildOrg(world.database.db);
    const stranger = await signIn(
      world.app,
      (await buildStaff(world.database.db, other, { roles: ['admin'] })).username,
    );
    const building = (
      await world.admin.request('POST', `/api/org/projects/${world.org.estateProjectId}/buildings`, {
        name: '9栋',
      })
    ).json();
    const door = (
      await world.admin.request('POST', `/api/org/buildings/${building.id}/doors`, { name: '1单元' })
    ).json();
    for (const [method, url, body] of [
      [
        'PUT',
        `/api/org/projects/${world.org.estateProjectId}`,
        { name: '改名', city: '', address: '', isArchived: false },
      ],
      ['GET', `/api/org/projects/${world.org.estateProjectId}/buildings`, undefined],
      ['POST', `/api/org/projects/${world.org.estateProjectId}/buildings`, { name: '10栋' }],
      ['PUT', `/api/org/buildings/${building.id}`, { name: '改名', floorCount: null, sortOrder: 0 }],
      ['POST', `/api/org/buildings/${building.id}/doors`, { name: '2单元' }],
      ['PUT', `/api/org/doors/${door.id}`, { name: '改名' }],
      [
        'PUT',
        `/api/org/desks/${world.org.serviceDeskId}`,
        { name: '改名', kind: 'service_centre', phone: '' },
      ],
      ['GET', `/api/org/desks?projectId=${world.org.estateProjectId}`, undefined],
      ['PUT', `/api/org/departments/${world.org.departmentId}`, { name: '改名', headStaffId: null }],
    ] as const) {
      const response = await stranger.request(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const lists = [
      await stranger.request('GET', '/api/org/projects'),
      await stranger.request('GET', '/api/org/desks'),
      await stranger.request('GET', '/api/org/departments'),
    ];
    for (const list of lists)
      for (const id of [
        world.org.salesProjectId,
        world.org.estateProjectId,
        world.org.serviceDeskId,
        world.org.departmentId,
      ])
        expect(list.body).not.toContain(id);
    expect((await stranger.request('GET', '/api/org/company')).json().id).toBe(other.companyId);
  });
});
