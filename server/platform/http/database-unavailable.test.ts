import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../bench/bench-server.js';
import { buildApp } from '../../app.js';
import { type Database, openDatabase } from '../db/database.js';
import { sessionCookieName } from './security.js';
import type { AppInstance } from './types.js';

/**
 * A PostgreSQL server that is not there (a port nobody listens on): what every instance sees
 * while its database restarts. Requests are answered at once, 503 with Retry-After, in the
 * caller's language; nothing hangs and nothing crashes.
 */
const answers = {
  'zh-CN': '服务暂时不可用,请稍后再试。',
  'zh-TW': '服務暫時不可用,請稍後再試。',
  en: 'The service is unavailable; please try again later.',
};

describe('requests while the database cannot be reached', () => {
  let database: Database;
  let app: AppInstance;

  beforeAll(async () => {
    database = openDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/yingke_absent`, {
      onConnectionError: () => {},
    });
    app = await buildApp({ database });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers a sign-in 503 with a Retry-After hint, in the language the browser asks for', async () => {
    for (const [language, message] of Object.entries(answers)) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': language },
        payload: { username: 'manager', password: 'Yingke2026' },
      });
      expect(response.statusCode, language).toBe(503);
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message } });
    }
  });

  it('answers a request with a session cookie 503 too (the session itself cannot be read)', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `${sessionCookieName}=abc`, 'accept-language': 'en' },
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json().error.message).toBe(answers.en);
  });

  it('is not ready (503) while alive', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(ready.json()).toMatchObject({
      status: 'unavailable',
      database: 'unreachable',
      live: 'not listening',
    });
  });
});
