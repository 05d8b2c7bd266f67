import { describe, expect, it } from 'vitest';
import {
  checkTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  pendingStepOf,
  totpCodeAt,
} from './two-factor.rules.js';

const now = new Date('2026-12-07T01:00:10.000Z');

describe('two-factor rules', () => {
  it('takes the current code and the codes of one step either side, nothing further', () => {
    const secret = newTotpSecret();
    for (const offset of [-30_000, 0, 30_000])
      expect(
        checkTotpCode(secret, totpCodeAt(secret, new Date(now.getTime() + offset)), now, null).result,
      ).toBe('valid');
    for (const offset of [-90_000, 90_000])
      expect(
        checkTotpCode(secret, totpCodeAt(secret, new Date(now.getTime() + offset)), now, null).result,
      ).toBe('invalid');
    expect(checkTotpCode(secret, 'abc123', now, null).result).toBe('invalid');
    const spaced = totpCodeAt(secret, now).replace(/^(\d{3})/, '$1 ');
    expect(checkTotpCode(secret, spaced, now, null).result).toBe('valid');
  });

  it('calls a code of a step already accepted a replay', () => {
    const secret = newTotpSecret();
    const first = checkTotpCode(secret, totpCodeAt(secret, now), now, null);
    if (first.result !== 'valid') throw new Error('the current code must be valid');
    expect(checkTotpCode(secret, totpCodeAt(secret, now), now, first.timeStep).result).toBe('replayed');
    const later = new Date(now.getTime() + 30_000);
    expect(checkTotpCode(secret, totpCodeAt(secret, later), later, first.timeStep).result).toBe('valid');
  });

  it('makes ten distinct recovery codes without look-alike characters, read back whatever the case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(normaliseRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk');
  });

  it('asks the second factor first, then the password change, then enrolment for a role that requires it', () => {
    const base = {
      isSecondFactorPending: false,
      mustChangePassword: false,
      hasTwoFactor: false,
      grants: [{ role: 'finance' as const, projectId: null }],
      requiredRoles: ['finance' as const],
    };
    expect(pendingStepOf({ ...base, isSecondFactorPending: true, mustChangePassword: true })).toBe(
      'second_factor',
    );
    expect(pendingStepOf({ ...base, mustChangePassword: true })).toBe('change_password');
    expect(pendingStepOf(base)).toBe('enrol_second_factor');
    expect(pendingStepOf({ ...base, hasTwoFactor: true })).toBeNull();
    expect(pendingStepOf({ ...base, requiredRoles: [] })).toBeNull();
  });
});
