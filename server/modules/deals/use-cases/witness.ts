import type { Actor } from '../../../platform/auth/actor.js';
import { dummyPasswordHash, verifyPassword } from '../../../platform/auth/passwords.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { getSetting } from '../../settings/index.js';
import { findStaff } from '../../staff/index.js';
import { dealErrors } from '../deals.errors.js';
import * as queries from '../deals.queries.js';

export interface WitnessCredentials {
  username: string;
  password: string;
}

export interface VerifiedWitness {
  staffId: string;
  displayName: string;
}

/**
 * SA-12 two-person rule: the second member of staff present signs in on the collector's screen
 * (username + password, checked here like a sign-in, with its own lockout). They must be a
 * different person, active, with a role in the project.
 */
export async function verifyWitness(
  db: Db,
  options: { actor: Actor; projectId: string; credentials: WitnessCredentials; now: Date },
): Promise<VerifiedWitness> {
  const { actor, projectId, now } = options;
  const username = options.credentials.username.trim();
  const context = { companyId: actor.companyId };
  const threshold = await getSetting(db, 'auth.lockoutThreshold', context);
  const lockoutMinutes = await getSetting(db, 'auth.lockoutMinutes', context);
  const since = new Date(now.getTime() - lockoutMinutes * 60_000).toISOString();
  if ((await queries.countWitnessFailures(db, username.toLowerCase(), since)) >= threshold)
    throw new AppError(dealErrors.WITNESS_LOCKED, { minutes: lockoutMinutes });

  const { rows } = await findStaff(db, actor, {
    search: username,
    sort: 'username',
    order: 'asc',
    offset: 0,
    limit: 50,
  });
  const staff = rows.find((row) => row.username.toLowerCase() === username.toLowerCase());
  if (staff && staff.id === actor.staffId)
    throw new AppError(
      dealErrors.WITNESS_SAME_PERSON,
      {},
      { 'witness.username': dealErrors.WITNESS_SAME_PERSON.message },
    );
  const isValid = staff
    ? await verifyPassword(staff.passwordHash, options.credentials.password)
    : await verifyPassword(await dummyPasswordHash(), options.credentials.password).then(() => false);
  await queries.insertWitnessAttempt(db, {
    id: newId(),
    username: username.toLowerCase(),
    at: now.toISOString(),
    isSuccess: isValid ? 1 : 0,
  });
  if (!staff || !isValid)
    throw new AppError(
      dealErrors.WITNESS_INVALID_CREDENTIALS,
      {},
      { 'witness.password': dealErrors.WITNESS_INVALID_CREDENTIALS.message },
    );
  const coversProject = staff.roles.some(
    (grant) => grant.projectId === null || grant.projectId === projectId,
  );
  if (staff.isDisabled || !coversProject)
    throw new AppError(dealErrors.WITNESS_NOT_ELIGIBLE, { name: staff.displayName });
  return { staffId: staff.id, displayName: staff.displayName };
}
