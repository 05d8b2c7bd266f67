import { resolveLocale } from '../../../contracts/locales.js';
import type { Db } from '../../platform/db/database.js';
import type { PendingStep } from '../../platform/http/access.js';
import { getCompanyById } from '../org/index.js';
import { getStaffById } from './staff.service.js';

/** Who the signed-in person is, as /api/auth/me and the sign-in steps answer it. */
export async function currentUser(
  db: Db,
  staffId: string,
  companyId: string,
  pendingStep: PendingStep | null,
) {
  const row = await getStaffById(db, { companyId }, staffId);
  const company = await getCompanyById(db, companyId);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    locale: resolveLocale(row.locale),
    presence: row.presence,
    companyId,
    companyName: company.name,
    mustChangePassword: row.mustChangePassword === 1,
    pendingStep,
    roles: row.roles,
  };
}
