import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff, type TestOrg } from '../../testing/factories.js';
import { buildTestApp, signIn, type TestSession } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

describe('staff administration', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let admin: TestSession;
  let adminId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    org = await buildOrg(database.db);
    app = await buildTestApp(database);
    const person = await buildStaff(database.db, org, { roles: ['admin'], displayName: '管理员' });
    adminId = person.staffId;
    admin = await signIn(app, person.username);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const newStaff = (overrides: Record<string, unknown> = {}) => ({
    username: 'zhangsan',
    password: 'Welcome-2026',
    displayName: '张三',
    departmentId: org.departmentId,
    mobile: '13912345678',
    roles: [{ role: 'agent', projectId: org.estateProjectId }],
    ...overrides,
  });

  it('creates a member of staff with roles scoped to a project, who must change the password', async () => {
    const response = await admin.request('POST', '/api/staff', newStaff());
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      displayName: '张三',
      namePinyin: 'zhangsan',
      nameInitials: 'zs',
      mustChangePassword: true,
    });
    expect(created.roles).toEqual([{ role: 'agent', projectId: org.estateProjectId }]);
    const audit = await database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', created.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['create']);
    expect(audit[0].afterJson).not.toContain('passwordHash');
  });

  it('finds staff by pinyin initials, full pinyin, name and phone tail', async () => {
    for (const q of ['zs', 'zhangs', '张三', '5678']) {
      const response = await admin.request('GET', `/api/staff?q=${encodeURIComponent(q)}`);
      expect(
        response.json().items.map((item: { username: string }) => item.username),
        q,
      ).toContain('zhangsan');
    }
    const none = await admin.request('GET', '/api/staff?q=%25');
    expect(none.json().items).toEqual([]);
  });

  it('pages and sorts on the server', async () => {
    for (const [index, name] of ['李四', '王五', '赵六'].entries())
      await admin.request(
        'POST',
        '/api/staff',
        newStaff({ username: `user${index}`, displayName: name, mobile: '' }),
      );
    const page = (
      await admin.request('GET', '/api/staff?pageSize=2&page=1&sort=displayName&order=desc')
    ).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    expect(page.items[0].namePinyin >= page.items[1].namePinyin).toBe(true);
  });

  it('refuses a duplicate username with the field named and the name filled in', async () => {
    const response = await admin.request('POST', '/api/staff', newStaff());
    expect(response.statusCode).toBe(409);
    expect(response.json().error.fields.username).toBe('用户名“zhangsan”已被使用。');
  });

  it('PRIV keeps only a masked mobile in the audit log', async () => {
    const created = (await admin.request('POST', '/api/staff', newStaff({ username: 'maskme' }))).json();
    const rows = await database.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityId', '=', created.id)
      .execute();
    expect(rows.map((row) => row.afterJson).join('')).not.toContain('13912345678');
    expect(JSON.parse(rows[0].afterJson ?? '{}').mobile).toBe('139****5678');
  });

  it('changes only the fields an update names: omitted mobile and roles stay', async () => {
    const created = (await admin.request('POST', '/api/staff', newStaff({ username: 'partial' }))).json();
    const response = await admin.request('PUT', `/api/staff/${created.id}`, { title: '客服主管' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ title: '客服主管', displayName: '张三' });
    const stored = await database.db
      .selectFrom('staff')
      .select('mobile')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.mobile).toBe('13912345678');
    expect(response.json().roles).toEqual([{ role: 'agent', projectId: org.estateProjectId }]);
    const cleared = await admin.request('PUT', `/api/staff/${created.id}`, { mobile: '' });
    expect(cleared.json().mobile).toBe('');
  });

  it('answers validation errors per field in the user’s language, changing nothing', async () => {
    const before = await database.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const body = newStaff({
      username: 'a b',
      password: 'short',
      mobile: '123',
      extra: true,
      roles: [{ role: 'king', projectId: null }],
    });
    const zh = (await admin.request('POST', '/api/staff', body)).json().error;
    expect(Object.keys(zh.fields).sort()).toEqual([
      'extra',
      'mobile',
      'password',
      'roles.0.role',
      'username',
    ]);
    expect(zh.fields.mobile).toBe('请输入 11 位手机号');
    const en = (
      await app.inject({
        method: 'POST',
        url: '/api/staff',
        payload: body,
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'accept-language': 'en' },
      })
    ).json().error;
    // the signed-in user's own language setting (zh-CN) wins over the browser's header
    expect(en.fields.mobile).toBe('请输入 11 位手机号');
    await admin.request('PUT', '/api/auth/me/preferences', { locale: 'zh-TW' });
    const tw = (await admin.request('POST', '/api/staff', body)).json().error;
    expect(tw.message).toBe('提交的內容有誤,請檢查標出的欄位。');
    expect(tw.fields.mobile).toBe('請輸入 11 位手機號');
    await admin.request('PUT', '/api/auth/me/preferences', { locale: 'zh-CN' });
    const after = await database.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a role in a project that does not exist', async () => {
    const response = await admin.request(
      'POST',
      '/api/staff',
      newStaff({ username: 'ghost', roles: [{ role: 'agent', projectId: 'no-such-project' }] }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields['roles.0.projectId']).toBeDefined();
  });

  it('bounds request sizes', async () => {
    const response = await admin.request(
      'POST',
      '/api/staff',
      newStaff({ displayName: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(response.statusCode).toBe(413);
  });

  it('does not let an administrator disable themselves or drop their own admin role', async () => {
    expect((await admin.request('POST', `/api/staff/${adminId}/disable`)).statusCode).toBe(409);
    const demote = await admin.request('PUT', `/api/staff/${adminId}`, {
      displayName: '管理员',
      roles: [{ role: 'agent', projectId: null }],
    });
    expect(demote.statusCode).toBe(409);
  });

  it('exports the filtered list to Excel with Chinese headers', async () => {
    const response = await admin.request('GET', '/api/staff/export?q=zs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(2).value).toBe('姓名');
    expect(sheet.getRow(2).getCell(2).value).toBe('张三');
  });

  it('resets a password: the person must change it and their sessions end', async () => {
    const person = await buildStaff(database.db, org, { roles: ['guard'] });
    const session = await signIn(app, person.username);
    expect(
      (
        await admin.request('POST', `/api/staff/${person.staffId}/reset-password`, {
          newPassword: 'Temporary-123',
        })
      ).statusCode,
    ).toBe(204);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await signIn(app, person.username, 'Temporary-123');
    expect((await again.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('an administrator of one project hands out roles only in it, and never sees another company’s staff', async () => {
    const projectAdmin = await buildStaff(database.db, org, {
      roles: [{ role: 'admin', projectId: org.estateProjectId }],
    });
    const session = await signIn(app, projectAdmin.username);
    const inProject = await session.request('POST', '/api/staff', newStaff({ username: 'estate-agent' }));
    expect(inProject.statusCode).toBe(201);
    for (const roles of [
      [{ role: 'admin', projectId: null }],
      [{ role: 'agent', projectId: org.salesProjectId }],
    ]) {
      const refused = await session.request('POST', '/api/staff', newStaff({ username: 'climber', roles }));
      expect(refused.statusCode).toBe(403);
    }
    const other = await buildOrg(database.db);
    const stranger = await buildStaff(database.db, other, { roles: ['guard'] });
    for (const [method, url, body] of [
      ['GET', `/api/staff/${stranger.staffId}`, undefined],
      ['PUT', `/api/staff/${stranger.staffId}`, { title: '队长' }],
      ['POST', `/api/staff/${stranger.staffId}/reset-password`, { newPassword: 'Temporary-123' }],
    ] as const)
      expect((await admin.request(method, url, body)).statusCode, url).toBe(404);
    const listed = (await admin.request('GET', '/api/staff?pageSize=100')).json().items;
    expect(listed.map((row: { id: string }) => row.id)).not.toContain(stranger.staffId);
  });
});
