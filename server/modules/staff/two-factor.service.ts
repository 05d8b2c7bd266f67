import QRCode from 'qrcode';
import type { Actor } from '../../platform/auth/actor.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import { visibility } from '../../platform/auth/scope.js';
import { decryptText, encryptText, lookupHash } from '../../platform/crypto/index.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError, type ErrorDefinition, localized } from '../../platform/errors.js';
import { writeAudit } from '../audit/index.js';
import { getCompanyById } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { assertAddressNotThrottled, assertNotLocked, recordFailedSignIn } from './auth.service.js';
import { announceSessionChange, forgetSessionsOf } from './session-cache.js';
import { staffErrors } from './staff.errors.js';
import * as staffQueries from './staff.queries.js';
import { getStaffById } from './staff.service.js';
import type { StaffTwoFactorTable } from './staff.tables.js';
import * as queries from './two-factor.queries.js';
import {
  checkTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  requiresTwoFactor,
  totpUri,
} from './two-factor.rules.js';

/** The secret is bound to its owner: a ciphertext copied to another person's row does not decrypt. */
export const twoFactorSecretContext = (staffId: string) => `staff-two-factor:${staffId}`;
const recoveryHash = (staffId: string, code: string) =>
  lookupHash(`staff-recovery:${staffId}:${normaliseRecoveryCode(code)}`);

function readSecret(row: StaffTwoFactorTable): string {
  return decryptText(row.secretEncrypted, twoFactorSecretContext(row.staffId));
}

/** Who is asking, as the throttling needs them (the row, with its failure count and lock). */
async function staffRowOf(db: Tx, actor: Actor) {
  const staff = await staffQueries.findStaffRowById(db, actor.staffId);
  if (!staff) throw new AppError(staffErrors.INVALID_CREDENTIALS);
  return staff;
}

export async function getTwoFactorStatus(db: Db, actor: Actor) {
  const row = await queries.findTwoFactor(db, actor.staffId);
  const requiredRoles = await getSetting(db, 'auth.twoFactorRoles', { companyId: actor.companyId });
  const isEnabled = Boolean(row?.confirmedAt);
  return {
    isEnabled,
    enabledAt: row?.confirmedAt ?? null,
    recoveryCodesLeft: isEnabled ? await queries.countUnusedRecoveryCodes(db, actor.staffId) : 0,
    isRequired: requiresTwoFactor(actor.grants, requiredRoles),
  };
}

/**
 * Step 1 of enrolment: a new secret, kept unconfirmed until a code from it is entered. Shown as a
 * QR code (an otpauth:// address as a PNG data URL) and as text for typing into the app by hand.
 */
export async function beginTwoFactorEnrolment(db: Db, options: { actor: Actor; now: Date }) {
  const { actor, now } = options;
  const staff = await staffRowOf(db, actor);
  const company = await getCompanyById(db, actor.companyId);
  const secret = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    const isStored = await queries.replaceUnconfirmedTwoFactor(trx, {
      staffId: staff.id,
      secretEncrypted: encryptText(secret, twoFactorSecretContext(staff.id)),
      confirmedAt: null,
      lastTimeStep: null,
      createdAt: now.toISOString(),
    });
    if (!isStored) throw new AppError(staffErrors.TWO_FACTOR_ALREADY_ENABLED);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staff.id,
      action: 'begin_two_factor',
    });
  });
  const otpauthUri = totpUri({
    secret,
    issuer: `迎客 ${company.shortName || company.name}`,
    accountName: staff.username,
  });
  const qrCodeDataUrl = await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 });
  return { secret, otpauthUri, qrCodeDataUrl };
}

/** Hashes and stores ten new codes (the old ones stop working) and returns them, once. */
async function issueRecoveryCodes(trx: Tx, staffId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await queries.replaceRecoveryCodes(
    trx,
    staffId,
    codes.map((code) => recoveryHash(staffId, code)),
    now.toISOString(),
  );
  return codes;
}

/** Step 2 of enrolment: a current code from the new secret turns two-factor on. */
export async function confirmTwoFactorEnrolment(
  db: Db,
  options: { actor: Actor; code: string; ip: string; now: Date },
): Promise<{ recoveryCodes: string[] }> {
  const { actor, now } = options;
  const staff = await staffRowOf(db, actor);
  await assertNotLocked(db, { staff, ip: options.ip, now });
  const row = await queries.findTwoFactor(db, staff.id);
  if (row?.confirmedAt) throw new AppError(staffErrors.TWO_FACTOR_ALREADY_ENABLED);
  if (!row) throw new AppError(staffErrors.TWO_FACTOR_ENROLMENT_NOT_STARTED);
  const check = checkTotpCode(readSecret(row), options.code, now, row.lastTimeStep);
  if (check.result !== 'valid') {
    await recordFailedSignIn(db, { staff, ip: options.ip, now });
    throw codeError(check.result === 'replayed' ? staffErrors.TWO_FACTOR_CODE_REUSED : undefined);
  }
  const recoveryCodes = await db.transaction().execute(async (trx) => {
    if (!(await queries.claimTimeStep(trx, staff.id, check.timeStep, now.toISOString())))
      throw codeError(staffErrors.TWO_FACTOR_CODE_REUSED);
    const codes = await issueRecoveryCodes(trx, staff.id, now);
    await staffQueries.updateStaffRow(trx, staff.id, { failedLogins: 0 });
    await announceSessionChange(trx, staff.id);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staff.id,
      action: 'enable_two_factor',
    });
    return codes;
  });
  // A session that was held at "set up two-step verification first" is a full one from now on.
  forgetSessionsOf(db, staff.id);
  return { recoveryCodes };
}

function codeError(definition: ErrorDefinition = staffErrors.TWO_FACTOR_CODE_INVALID): AppError {
  return new AppError(definition, {}, { code: definition.message });
}

/**
 * The second step of signing in: a current authenticator code or an unused recovery code. A wrong
 * one counts as a failed sign-in (the same counters and settings as a wrong password); at the
 * lockout threshold the half-signed-in session ends too.
 */
export async function verifySecondFactor(
  db: Db,
  options: { actor: Actor; code?: string; recoveryCode?: string; ip: string; now: Date },
): Promise<void> {
  const { actor, ip, now } = options;
  const sessionId = actor.sessionId;
  const session = sessionId ? await staffQueries.findSession(db, sessionId) : undefined;
  if (!sessionId || !session?.isSecondFactorPending)
    throw new AppError(staffErrors.SECOND_FACTOR_NOT_PENDING);
  await assertAddressNotThrottled(db, ip, now);
  const staff = await staffRowOf(db, actor);
  await assertNotLocked(db, { staff, ip, now });
  const row = await queries.findTwoFactor(db, staff.id);
  if (!row?.confirmedAt) throw new AppError(staffErrors.TWO_FACTOR_NOT_ENABLED);

  const fail = async (error: AppError): Promise<never> => {
    try {
      await recordFailedSignIn(db, { staff, ip, now });
    } catch (locked) {
      // Other instances may hold the half-made session in their cache: they hear it ended.
      await db.transaction().execute(async (trx) => {
        await staffQueries.deleteSession(trx, sessionId);
        await announceSessionChange(trx, staff.id);
      });
      forgetSessionsOf(db, staff.id);
      throw locked;
    }
    throw error;
  };

  const absoluteHours = await getSetting(db, 'auth.absoluteTimeoutHours', { companyId: staff.companyId });
  const fullExpiry = new Date(Date.parse(session.createdAt) + absoluteHours * 3_600_000).toISOString();
  const at = now.toISOString();
  const finish = async (trx: Tx) => {
    await queries.setSessionSecondFactorDone(trx, sessionId, fullExpiry);
    await staffQueries.updateStaffRow(trx, staff.id, { failedLogins: 0, lockedUntil: null });
    await staffQueries.insertLoginAttempt(trx, { username: staff.username, ip, at, isSuccess: true });
  };

  if (options.recoveryCode !== undefined) {
    const isUsed = await db.transaction().execute(async (trx) => {
      if (!(await queries.useRecoveryCode(trx, staff.id, recoveryHash(staff.id, options.recoveryCode!), at)))
        return false;
      await finish(trx);
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'staff',
        entityId: staff.id,
        action: 'use_recovery_code',
        after: { recoveryCodesLeft: await queries.countUnusedRecoveryCodes(trx, staff.id) },
      });
      return true;
    });
    if (!isUsed)
      await fail(
        new AppError(
          staffErrors.RECOVERY_CODE_INVALID,
          {},
          { recoveryCode: staffErrors.RECOVERY_CODE_INVALID.message },
        ),
      );
  } else {
    const check = checkTotpCode(readSecret(row), options.code ?? '', now, row.lastTimeStep);
    if (check.result !== 'valid')
      await fail(codeError(check.result === 'replayed' ? staffErrors.TWO_FACTOR_CODE_REUSED : undefined));
    else {
      const isClaimed = await db.transaction().execute(async (trx) => {
        if (!(await queries.claimTimeStep(trx, staff.id, check.timeStep))) return false;
        await finish(trx);
        return true;
      });
      if (!isClaimed) await fail(codeError(staffErrors.TWO_FACTOR_CODE_REUSED));
    }
  }
  forgetSessionsOf(db, staff.id);
}

export interface IdentityProof {
  code?: string;
  password?: string;
}

/**
 * Turning two-factor off or replacing the recovery codes asks again who it is: a current code or
 * the password. A wrong one counts like a wrong sign-in.
 */
async function assertIdentity(
  db: Db,
  options: { actor: Actor; proof: IdentityProof; ip: string; now: Date },
): Promise<StaffTwoFactorTable> {
  const { actor, proof, ip, now } = options;
  const staff = await staffRowOf(db, actor);
  await assertNotLocked(db, { staff, ip, now });
  const row = await queries.findTwoFactor(db, staff.id);
  if (!row?.confirmedAt) throw new AppError(staffErrors.TWO_FACTOR_NOT_ENABLED);
  if (proof.code) {
    const check = checkTotpCode(readSecret(row), proof.code, now, row.lastTimeStep);
    if (check.result === 'valid' && (await queries.claimTimeStep(db, staff.id, check.timeStep))) return row;
    await recordFailedSignIn(db, { staff, ip, now });
    throw codeError(check.result === 'invalid' ? undefined : staffErrors.TWO_FACTOR_CODE_REUSED);
  }
  if (proof.password) {
    if (await verifyPassword(staff.passwordHash, proof.password)) return row;
    await recordFailedSignIn(db, { staff, ip, now });
    throw new AppError(
      staffErrors.WRONG_CURRENT_PASSWORD,
      {},
      { password: staffErrors.WRONG_CURRENT_PASSWORD.message },
    );
  }
  throw new AppError(staffErrors.PROOF_REQUIRED);
}

export async function regenerateRecoveryCodes(
  db: Db,
  options: { actor: Actor; proof: IdentityProof; ip: string; now: Date },
): Promise<{ recoveryCodes: string[] }> {
  const { actor, now } = options;
  await assertIdentity(db, options);
  const recoveryCodes = await db.transaction().execute(async (trx) => {
    const codes = await issueRecoveryCodes(trx, actor.staffId, now);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: actor.staffId,
      action: 'regenerate_recovery_codes',
    });
    return codes;
  });
  return { recoveryCodes };
}

/** Off again; someone whose role requires it is sent straight back to enrolment by the access hook. */
export async function disableTwoFactor(
  db: Db,
  options: { actor: Actor; proof: IdentityProof; ip: string; now: Date },
): Promise<void> {
  const { actor, now } = options;
  await assertIdentity(db, options);
  await db.transaction().execute(async (trx) => {
    await queries.deleteTwoFactor(trx, actor.staffId);
    await announceSessionChange(trx, actor.staffId);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: actor.staffId,
      action: 'disable_two_factor',
    });
  });
  forgetSessionsOf(db, actor.staffId);
}

/**
 * An administrator clears a person's two-factor (a lost phone and no recovery codes): the secret and
 * codes go, every session of theirs ends, and they enrol again at next sign-in if their role requires.
 */
export async function resetStaffTwoFactor(
  db: Db,
  options: { actor: Actor; staffId: string; now: Date },
): Promise<void> {
  const { actor, staffId, now } = options;
  await db.transaction().execute(async (trx) => {
    const person = await getStaffById(trx, actor, staffId);
    visibility(actor, 'company').assertSees(
      { companyId: person.companyId, projectId: null },
      localized('员工', '員工', 'Staff member'),
    );
    const row = await queries.findTwoFactor(trx, staffId);
    await queries.deleteTwoFactor(trx, staffId);
    await staffQueries.deleteSessionsOfStaff(trx, staffId);
    await announceSessionChange(trx, staffId);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'staff',
      entityId: staffId,
      action: 'reset_two_factor',
      before: { isEnabled: Boolean(row?.confirmedAt) },
    });
  });
  forgetSessionsOf(db, staffId);
}
