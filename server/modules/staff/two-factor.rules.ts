import { randomInt } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import type { Role } from '../../../contracts/roles.js';
import type { RoleGrant } from '../../platform/auth/actor.js';
import type { PendingStep } from '../../platform/http/access.js';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const periodSeconds = 30;
/** One step either side of now: a phone clock a little off, or a code typed as it turned over. */
const toleranceSeconds = periodSeconds;
export const recoveryCodeCount = 10;
/** No 0/o, 1/l/i: a code copied from paper must not be misread. */
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
const recoveryCodeLength = 10;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(options: { secret: string; issuer: string; accountName: string }): string {
  return generateURI({ issuer: options.issuer, label: options.accountName, secret: options.secret });
}

/** The code an authenticator shows at `now` (tests, and nothing else, need it). */
export function totpCodeAt(secret: string, now: Date): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

export type CodeCheck =
  | { result: 'valid'; timeStep: number }
  | { result: 'invalid' }
  | { result: 'replayed' };

/**
 * Checks a 6-digit code at `now`. A code whose time step is not after `lastTimeStep` (the last
 * accepted) is a replay: it was good once and must not be good twice.
 */
export function checkTotpCode(
  secret: string,
  code: string,
  now: Date,
  lastTimeStep: number | null,
): CodeCheck {
  // Apps show "123 456"; people type it as they see it.
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { result: 'invalid' };
  const check = verifySync({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: toleranceSeconds,
  });
  // The union also covers HOTP's answer, which has no time step; a TOTP check always has one.
  if (!check.valid || !('timeStep' in check)) return { result: 'invalid' };
  if (lastTimeStep !== null && check.timeStep <= lastTimeStep) return { result: 'replayed' };
  return { result: 'valid', timeStep: check.timeStep };
}

/** Ten fresh codes shown once, as `abcde-fghjk`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: recoveryCodeCount }, () => {
    let code = '';
    for (let index = 0; index < recoveryCodeLength; index++)
      code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** What is hashed and compared: case, spaces and dashes do not matter (people retype them). */
export function normaliseRecoveryCode(text: string): string {
  return text.toLowerCase().replace(/[\s-]/g, '');
}

export function requiresTwoFactor(grants: readonly RoleGrant[], requiredRoles: readonly Role[]): boolean {
  return grants.some((grant) => requiredRoles.includes(grant.role));
}

/** The first step a session still owes, in the order they are asked for (see PendingStep). */
export function pendingStepOf(state: {
  isSecondFactorPending: boolean;
  mustChangePassword: boolean;
  hasTwoFactor: boolean;
  grants: readonly RoleGrant[];
  requiredRoles: readonly Role[];
}): PendingStep | null {
  if (state.isSecondFactorPending) return 'second_factor';
  if (state.mustChangePassword) return 'change_password';
  if (!state.hasTwoFactor && requiresTwoFactor(state.grants, state.requiredRoles))
    return 'enrol_second_factor';
  return null;
}
