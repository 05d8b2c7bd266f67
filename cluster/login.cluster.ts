import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Cluster, demoPassword, request, startCluster } from './harness.js';

/**
 * Login throttling and lockout count in the database, so spreading the attempts over the
 * instances (nginx: round robin) or sending them all at once gains an attacker nothing.
 */
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
});
afterAll(async () => {
  await cluster?.stop();
});

interface ErrorBody {
  error?: { code?: string; message?: string };
}

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  request<ErrorBody>(cluster.url, 'POST', '/api/auth/login', { body: { username, password }, headers });

describe('login throttling across instances', () => {
  it('locks an account after the threshold of wrong passwords sent at once to every instance (found a defect)', async () => {
    // The demo company's threshold is the default, 5. All five at once, spread by nginx: each
    // instance read the same count before its write, so one failure was counted where five came.
    const from = cluster.nginx.logged();
    const wrong = await Promise.all(Array.from({ length: 5 }, () => login('agent2', 'wrong-password-1')));
    expect(new Set(await cluster.nginx.servedSince(from, 5)).size).toBe(cluster.instances.length);
    expect(wrong.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
    const rows = await cluster.database.query<{ failed_logins: number; locked_until: string | null }>(
      'SELECT failed_logins, locked_until FROM staff WHERE username = $1',
      ['agent2'],
    );
    expect(rows[0].locked_until).not.toBeNull();
    // The right password is now refused on every instance, in the caller's language.
    for (let turn = 0; turn < cluster.instances.length; turn++) {
      const right = await login('agent2', demoPassword, { 'accept-language': 'en' });
      expect(right.status).toBe(429);
      expect(right.body.error?.code).toBe('ACCOUNT_LOCKED');
      expect(right.body.error?.message).toMatch(/locked/i);
    }
  });

  it('counts failures one after another on different instances towards one lockout', async () => {
    const from = cluster.nginx.logged();
    for (let attempt = 0; attempt < 4; attempt++)
      expect((await login('agent', 'wrong-password-2')).body.error?.code).toBe('INVALID_CREDENTIALS');
    expect(new Set(await cluster.nginx.servedSince(from, 4)).size).toBe(cluster.instances.length);
    expect((await login('agent', 'wrong-password-2')).body.error?.code).toBe('ACCOUNT_LOCKED');
    expect((await login('agent', demoPassword)).body.error?.code).toBe('ACCOUNT_LOCKED');
  });

  it('throttles an address after 20 failures across instances, whatever X-Forwarded-For the client forges', async () => {
    // Every request comes from 127.0.0.1 as nginx sees it; the client forges a new address each
    // time. The shipped config replaces the header with the address nginx saw (TRUST_PROXY=1
    // believes it), so the failures all count against the one real address.
    let failures = 0;
    let throttled: ErrorBody | null = null;
    for (let attempt = 0; attempt < 40 && !throttled; attempt++) {
      const answer = await login(`nobody${attempt}`, 'wrong-password-3', {
        'x-forwarded-for': `203.0.113.${attempt + 1}`,
      });
      if (answer.body.error?.code === 'LOGIN_THROTTLED') throttled = answer.body;
      else failures += 1;
    }
    expect(throttled).not.toBeNull();
    const counted = await cluster.database.query<{ ip: string; count: string }>(
      'SELECT ip, count(*) AS count FROM login_attempts WHERE is_success = 0 GROUP BY ip',
    );
    // Only the real address was ever recorded, and it was throttled at exactly 20 failures.
    expect(counted.map((row) => row.ip)).toEqual(['127.0.0.1']);
    expect(Number(counted[0].count)).toBe(20);
    expect(failures).toBeLessThanOrEqual(20);
    // Now even the right password of another account is refused on every instance.
    for (let turn = 0; turn < cluster.instances.length; turn++)
      expect((await login('manager', demoPassword)).body.error?.code).toBe('LOGIN_THROTTLED');
  });
});
