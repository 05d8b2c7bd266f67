import { beforeAll, describe, expect, it } from 'vitest';
import { decryptText, isEncrypted } from '../../platform/crypto/index.js';
import type { AppInstance } from '../../platform/http/types.js';
import { buildStaff, type TestOrg, testPassword } from '../../testing/factories.js';
import { signIn, type TestClock } from '../../testing/test-app.js';
import type { TestDatabase } from '../../testing/test-database.js';
import { useTwoFactorWorld } from './testing/two-factor-world.js';
import { totpCodeAt } from './two-factor.rules.js';

describe('two-step verification (TOTP) and sessions that owe a step', () => {
  const world = useTwoFactorWorld();
  const { nextStep, customerBody, enrol, auditActions } = world;
  let database: TestDatabase;
  let app: AppInstance;
  let org: TestOrg;
  let clock: TestClock;
  beforeAll(() => {
    ({ database, app, org, clock } = world);
  });

  it('enrols with a QR code and a key: the secret is stored encrypted, the ten recovery codes only as hashes', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    const session = await signIn(app, person.username);
    const begun = await session.request('POST', '/api/auth/two-factor/enrolment');
    const { secret } = begun.json();
    expect(secret).toMatch(/^[A-Z2-7]{26,}$/);

    nextStep();
    const wrong = await session.request('POST', '/api/auth/two-factor/enrolment/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('TWO_FACTOR_CODE_INVALID');
    expect(wrong.json().error.fields.code).toBeTruthy();

    const confirmed = await session.request('POST', '/api/auth/two-factor/enrolment/confirm', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(confirmed.statusCode).toBe(200);
    const codes: string[] = confirmed.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const stored = await database.db
      .selectFrom('staffTwoFactor')
      .selectAll()
      .where('staffId', '=', person.staffId)
      .executeTakeFirstOrThrow();
    expect(isEncrypted(stored.secretEncrypted)).toBe(true);
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(decryptText(stored.secretEncrypted, `staff-two-factor:${person.staffId}`)).toBe(secret);
    expect(stored.confirmedAt).not.toBeNull();
    const hashes = await database.db
      .selectFrom('staffRecoveryCodes')
      .select('codeHash')
      .where('staffId', '=', person.staffId)
      .execute();
    expect(hashes).toHaveLength(10);
    const storedText = JSON.stringify(hashes);
    for (const code of codes) expect(storedText).not.toContain(code.replace('-', ''));

    const status = await session.request('GET', '/api/auth/two-factor');
    expect(status.json()).toMatchObject({ isEnabled: true, recoveryCodesLeft: 10, isRequired: false });
    const again = await session.request('POST', '/api/auth/two-factor/enrolment');
    expect(again.json().error.code).toBe('TWO_FACTOR_ALREADY_ENABLED');
    expect(await auditActions(person.staffId)).toEqual(['begin_two_factor', 'enable_two_factor']);
  });

  it('holds a password-only session at the second step until a current code is given', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    const { secret } = await enrol(await signIn(app, person.username));

    const session = await signIn(app, person.username);
    const me = await session.request('GET', '/api/auth/me');
    expect(me.json().user.pendingStep).toBe('second_factor');
    const blocked = await session.request('POST', '/api/customers', customerBody());
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toMatchObject({
      code: 'TWO_FACTOR_REQUIRED',
      message: '请先输入动态验证码完成登录。',
    });
    expect((await session.request('GET', '/api/customers?projectId=x')).json().error.code).toBe(
      'TWO_FACTOR_REQUIRED',
    );

    nextStep();
    const verified = await session.request('POST', '/api/auth/two-factor/verify', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().user.pendingStep).toBeNull();
    expect((await session.request('PUT', '/api/auth/me/presence', { presence: 'at_desk' })).statusCode).toBe(
      200,
    );
    const again = await session.request('POST', '/api/auth/two-factor/verify', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(again.json().error.code).toBe('SECOND_FACTOR_NOT_PENDING');
  });

  it('refuses the same code twice within its window (replay), and takes the next one', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    const { secret } = await enrol(await signIn(app, person.username));
    nextStep();
    const code = totpCodeAt(secret, clock.now());
    const first = await signIn(app, person.username);
    expect((await first.request('POST', '/api/auth/two-factor/verify', { code })).statusCode).toBe(200);

    clock.advance(5_000);
    const second = await signIn(app, person.username);
    const replayed = await second.request('POST', '/api/auth/two-factor/verify', { code });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().error.code).toBe('TWO_FACTOR_CODE_REUSED');
    expect((await second.request('GET', '/api/auth/me')).json().user.pendingStep).toBe('second_factor');

    nextStep();
    const next = await second.request('POST', '/api/auth/two-factor/verify', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(next.statusCode).toBe(200);
  });

  it('takes each recovery code once, audits its use, and accepts it typed in capitals without the dash', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    const { recoveryCodes } = await enrol(await signIn(app, person.username));
    const session = await signIn(app, person.username);
    const typed = recoveryCodes[3]!.replace('-', '').toUpperCase();
    const used = await session.request('POST', '/api/auth/two-factor/verify', { recoveryCode: typed });
    expect(used.statusCode).toBe(200);
    expect(used.json().user.pendingStep).toBeNull();
    expect(await auditActions(person.staffId)).toContain('use_recovery_code');

    const other = await signIn(app, person.username);
    const reused = await other.request('POST', '/api/auth/two-factor/verify', {
      recoveryCode: recoveryCodes[3],
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('RECOVERY_CODE_INVALID');
    expect((await session.request('GET', '/api/auth/two-factor')).json().recoveryCodesLeft).toBe(9);
  });

  it('throttles wrong codes like wrong passwords: the account locks at the threshold and the half session ends', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    await enrol(await signIn(app, person.username));
    const session = await signIn(app, person.username);
    const answers: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++)
      answers.push(
        (await session.request('POST', '/api/auth/two-factor/verify', { code: '123456' })).statusCode,
      );
    expect(answers).toEqual([400, 400, 400, 400, 429]);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: person.username, password: testPassword },
    });
    expect(login.json().error.code).toBe('ACCOUNT_LOCKED');
    clock.advance(16 * 60_000);
  });

  it('ends a session still owing its second factor after ten minutes, not twelve hours', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    await enrol(await signIn(app, person.username));
    const session = await signIn(app, person.username);
    clock.advance(9 * 60_000);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
    clock.advance(2 * 60_000 + 5_000);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('regenerates recovery codes (the old ones stop working) and disables with the password, both audited', async () => {
    const person = await buildStaff(database.db, org, { roles: ['consultant'] });
    const session = await signIn(app, person.username);
    const { secret, recoveryCodes } = await enrol(session);

    const noProof = await session.request('POST', '/api/auth/two-factor/recovery-codes', {});
    expect(noProof.statusCode).toBe(400);
    nextStep();
    const regenerated = await session.request('POST', '/api/auth/two-factor/recovery-codes', {
      code: totpCodeAt(secret, clock.now()),
    });
    expect(regenerated.statusCode).toBe(200);
    const fresh: string[] = regenerated.json().recoveryCodes;
    expect(fresh.some((code) => recoveryCodes.includes(code))).toBe(false);
    const stale = await signIn(app, person.username);
    expect(
      (await stale.request('POST', '/api/auth/two-factor/verify', { recoveryCode: recoveryCodes[0] })).json()
        .error.code,
    ).toBe('RECOVERY_CODE_INVALID');
    expect(
      (await stale.request('POST', '/api/auth/two-factor/verify', { recoveryCode: fresh[0] })).statusCode,
    ).toBe(200);

    const wrongPassword = await session.request('POST', '/api/auth/two-factor/disable', {
      password: 'nope-123456',
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.fields.password).toBeTruthy();
    const disabled = await session.request('POST', '/api/auth/two-factor/disable', {
      password: testPassword,
    });
    expect(disabled.statusCode).toBe(204);
    expect((await signIn(app, person.username)).csrfToken).toBeTruthy();
    const after = await signIn(app, person.username);
    expect((await after.request('GET', '/api/auth/me')).json().user.pendingStep).toBeNull();
    expect(await auditActions(person.staffId)).toEqual(
      expect.arrayContaining(['regenerate_recovery_codes', 'use_recovery_code', 'disable_two_factor']),
    );
  });
});
