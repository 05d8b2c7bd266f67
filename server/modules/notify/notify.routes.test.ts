import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildOrg, buildStaff } from '../../testing/factories.js';
import { buildTestApp, sessionsOf } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

process.env.YINGKE_SECRET_KEY ??= randomBytes(32).toString('base64');

/** The answers of the preferences, templates and providers routes, as their response schemas declare them. */
describe('notify routes: answer shapes', () => {
  let database: TestDatabase;
  let app: AppInstance;
  let admin: Actor & { username: string };
  const as = sessionsOf(() => app);

  beforeAll(async () => {
    database = await createTestDatabase();
    const org = await buildOrg(database.db);
    admin = await buildStaff(database.db, org, { roles: ['admin'], displayName: '管理员' });
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers the caller their channel choices and the saved choice', async () => {
    const session = await as(admin);
    const channels = { inapp: true, email: true, sms: false, wecom: false };
    const saved = await session.request('PUT', '/api/notify/preferences', {
      channels,
      email: 'a@example.com',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ channels, email: 'a@example.com' });
    const read = (await session.request('GET', '/api/notify/preferences')).json();
    expect(read).toMatchObject({ channels, email: 'a@example.com' });
    expect(typeof read.mobile).toBe('string');
  });

  it('lists templates, saves and activates a version naming its author, and previews it', async () => {
    const session = await as(admin);
    const list = (await session.request('GET', '/api/notify/templates')).json();
    const test = list.items.find((item: { event: string }) => item.event === 'notify.test');
    expect(test).toMatchObject({ activeVersions: { 'zh-CN': 0, 'zh-TW': 0, en: 0 } });
    expect(Array.isArray(test.secretParams)).toBe(true);
    const saved = await session.request('POST', '/api/notify/templates/notify.test/versions', {
      locale: 'zh-CN',
      title: '测试',
      body: '{senderName} 发来的测试',
    });
    expect(saved.json()).toEqual({ id: expect.any(String), version: 1 });
    const versions = (
      await session.request('GET', '/api/notify/templates/notify.test/versions?locale=zh-CN')
    ).json();
    expect(versions.items[0]).toMatchObject({ version: 1, isActive: true, createdByName: '管理员' });
    expect(versions.items.at(-1)).toMatchObject({ id: null, version: 0, isActive: false });
    const activated = await session.request('POST', '/api/notify/templates/notify.test/activate', {
      locale: 'zh-CN',
      version: 0,
    });
    expect(activated.json()).toEqual({ ok: true });
    const preview = await session.request('POST', '/api/notify/templates/preview', {
      event: 'notify.test',
      locale: 'zh-CN',
    });
    expect(preview.json()).toMatchObject({
      title: expect.any(String),
      params: { senderName: expect.any(String) },
    });
  });

  it('saves a provider with its secret masked in the list, and reports a failed test send', async () => {
    const session = await as(admin);
    const saved = await session.request('PUT', '/api/notify/providers/wecom', {
      isEnabled: true,
      config: { groupName: '销售群' },
      secret: 'http://127.0.0.1:9/robot-webhook-key',
    });
    expect(saved.json()).toEqual({ ok: true });
    const list = (await session.request('GET', '/api/notify/providers')).json();
    expect(list.items.find((item: { channel: string }) => item.channel === 'wecom')).toEqual({
      channel: 'wecom',
      isConfigured: true,
      isEnabled: true,
      config: { groupName: '销售群' },
      secretHint: '••••-key',
    });
    const test = await session.request('POST', '/api/notify/providers/wecom/test', { to: '' });
    expect(test.json()).toEqual({ ok: false, answer: expect.any(String) });
  });
});
