import { describe, expect, it } from 'vitest';
import { useAdminWorld } from '../../testing/admin-world.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { signIn } from '../../testing/test-app.js';
import { clearSettingsCache, getSetting } from './settings.service.js';

describe('settings with DOMAIN.md defaults, overridable per project and desk', () => {
  const world = useAdminWorld();

  it('CS-1 SEC-1 SA-14 SA-16 default to the numbers the rules give', async () => {
    const context = { companyId: world.org.companyId };
    expect(await getSetting(world.database.db, 'calls.maxRings.serviceCentre', context)).toBe(3);
    expect(await getSetting(world.database.db, 'calls.maxRings.securityPost', context)).toBe(3);
    expect(await getSetting(world.database.db, 'calls.ringCadenceSeconds', context)).toBe(5);
    expect(await getSetting(world.database.db, 'deals.downPaymentReminderDays', context)).toEqual([5, 2]);
    expect(await getSetting(world.database.db, 'deals.mortgageReminderDays', context)).toEqual([7, 3, 1]);
  });

  it('resolves desk over project over company over default', async () => {
    const put = (scopeType: string, scopeId: string, value: unknown) =>
      world.admin.request('PUT', '/api/settings/calls.maxRings.securityPost', { scopeType, scopeId, value });
    expect((await put('company', world.org.companyId, 4)).json()).toMatchObject({
      value: 4,
      source: 'company',
    });
    expect((await put('project', world.org.estateProjectId, 2)).json()).toMatchObject({
      value: 2,
      source: 'project',
    });
    expect((await put('desk', world.org.postDeskId, 5)).json()).toMatchObject({ value: 5, source: 'desk' });
    clearSettingsCache(world.database.db);
    const context = { companyId: world.org.companyId, projectId: world.org.estateProjectId };
    expect(
      await getSetting(world.database.db, 'calls.maxRings.securityPost', {
        ...context,
        deskId: world.org.postDeskId,
      }),
    ).toBe(5);
    expect(
      await getSetting(world.database.db, 'calls.maxRings.securityPost', {
        ...context,
        deskId: world.org.serviceDeskId,
      }),
    ).toBe(2);
    const reset = await world.admin.request(
      'DELETE',
      `/api/settings/calls.maxRings.securityPost?scopeType=desk&scopeId=${world.org.postDeskId}`,
    );
    expect(reset.json()).toMatchObject({ value: 2, source: 'project' });
    const listed = (
      await world.admin.request('GET', `/api/settings?scopeType=desk&scopeId=${world.org.postDeskId}`)
    ).json().items;
    expect(listed.find((item: { key: string }) => item.key === 'calls.maxRings.securityPost')).toMatchObject({
      value: 2,
      source: 'project',
      label: '物业/卡口最多响铃声数',
    });
  });

  it('refuses a value out of range, an unknown key and a scope the setting does not allow', async () => {
    const outOfRange = await world.admin.request('PUT', '/api/settings/calls.ringCadenceSeconds', {
      scopeType: 'company',
      scopeId: world.org.companyId,
      value: 0,
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.code).toBe('INVALID_SETTING_VALUE');
    const unknown = await world.admin.request('PUT', '/api/settings/no.such.key', {
      scopeType: 'company',
      scopeId: world.org.companyId,
      value: 1,
    });
    expect(unknown.statusCode).toBe(404);
    const scope = await world.admin.request('PUT', '/api/settings/auth.idleTimeoutMinutes', {
      scopeType: 'desk',
      scopeId: world.org.postDeskId,
      value: 10,
    });
    expect(scope.json().error.code).toBe('SCOPE_NOT_ALLOWED');
    const otherCompany = await world.admin.request(
      'GET',
      '/api/settings?scopeType=company&scopeId=someone-else',
    );
    expect(otherCompany.statusCode).toBe(404);
  });

  it('audits every change', async () => {
    await world.admin.request('PUT', '/api/settings/sales.customerProtectionDays', {
      scopeType: 'project',
      scopeId: world.org.salesProjectId,
      value: 45,
    });
    const rows = await world.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityType', '=', 'setting')
      .execute();
    expect(
      rows.some((row) => row.entityId.endsWith('sales.customerProtectionDays') && row.afterJson === '45'),
    ).toBe(true);
  });

  it("answers another company's administrator 404 for this company, its projects and desks, and a project's administrator 403 elsewhere", async () => {
    const other = await buildOrg(world.database.db);
    const stranger = await signIn(
      world.app,
      (await buildStaff(world.database.db, other, { roles: ['admin'] })).username,
    );
    for (const [scopeType, scopeId] of [
      ['company', world.org.companyId],
      ['project', world.org.estateProjectId],
      ['desk', world.org.postDeskId],
    ]) {
      const read = await stranger.request('GET', `/api/settings?scopeType=${scopeType}&scopeId=${scopeId}`);
      expect(read.statusCode, scopeType).toBe(404);
      const put = await stranger.request('PUT', '/api/settings/calls.maxRings.securityPost', {
        scopeType,
        scopeId,
        value: 9,
      });
      expect(put.statusCode, scopeType).toBe(404);
    }
    const estateAdmin = await signIn(
      world.app,
      (
        await buildStaff(world.database.db, world.org, {
          roles: [{ role: 'admin', projectId: world.org.estateProjectId }],
        })
      ).username,
    );
    const own = await estateAdmin.request(
      'GET',
      `/api/settings?scopeType=project&scopeId=${world.org.estateProjectId}`,
    );
    expect(own.statusCode).toBe(200);
    const sales = await estateAdmin.request(
      'GET',
      `/api/settings?scopeType=project&scopeId=${world.org.salesProjectId}`,
    );
    expect(sales.statusCode).toBe(404);
  });
});
