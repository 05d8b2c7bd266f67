import type { Actor } from '../../../platform/auth/actor.js';
import { hasAnyRole } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { getStaffById } from '../../staff/index.js';
import { dealErrors } from '../deals.errors.js';
import * as queries from '../deals.queries.js';
import { isCertified, shanghaiDate } from '../deals.rules.js';

/** SA-15: a contract-filling exam result (date, score, pass mark, expiry), recorded by a manager. */
export async function recordExam(
  db: Db,
  options: {
    actor: Actor;
    staffId: string;
    takenOn: string;
    score: number;
    passMark: number;
    expiresOn: string;
    note: string;
    now: Date;
  },
) {
  const { actor, now } = options;
  if (!hasAnyRole(actor, ['manager'])) throw new AppError(commonErrors.FORBIDDEN);
  if (options.expiresOn <= options.takenOn)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        expiresOn: localized(
          '有效期须晚于考试日期',
          '有效期須晚於考試日期',
          'Expiry must be after the exam date',
        ),
      },
    );
  const staff = await getStaffById(db, actor, options.staffId);
  visibility(actor, 'company').assertSees({ companyId: staff.companyId, projectId: null });
  const row: queries.ExamRow = {
    id: newId(),
    companyId: actor.companyId,
    staffId: staff.id,
    staffName: staff.displayName,
    kind: 'contract_filling',
    takenOn: options.takenOn,
    score: options.score,
    passMark: options.passMark,
    expiresOn: options.expiresOn,
    note: options.note,
    recordedBy: actor.staffId,
    recordedAt: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await queries.insertExam(trx, row);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'deal_exam',
      entityId: row.id,
      action: 'record',
      after: row,
    });
  });
  return { ...row, isPassed: row.score >= row.passMark };
}

/**
 * SA-15 results are a person's, of the company (not of one project): a consultant reads their
 * own, a manager everyone's in the company.
 */
export async function findExams(
  db: Db,
  actor: Actor,
  query: { staffId?: string; offset: number; limit: number },
  now: Date,
) {
  visibility(actor, 'company').assertSees({ companyId: actor.companyId, projectId: null });
  const staffId = hasAnyRole(actor, ['manager']) ? query.staffId : actor.staffId;
  const { rows, total } = await queries.findExamPage(db, { companyId: actor.companyId, staffId }, query);
  const today = shanghaiDate(now);
  return {
    rows: rows.map((row) => ({
      ...row,
      isPassed: row.score >= row.passMark,
      isValid: isCertified([row], today),
    })),
    total,
  };
}

export async function certificationOf(db: Tx, staffId: string, now: Date) {
  const exams = await queries.findExamsOf(db, staffId);
  return { isCertified: isCertified(exams, shanghaiDate(now)), exams };
}

/**
 * SA-15: a consultant must have passed the contract-filling exam (and it must not have expired)
 * to take the contract step. Managers and administrators supervise and are not examined here.
 */
export async function assertCertified(db: Tx, actor: Actor, projectId: string, now: Date) {
  if (hasAnyRole(actor, ['manager'], projectId)) return;
  const { isCertified: certified } = await certificationOf(db, actor.staffId, now);
  if (!certified) throw new AppError(dealErrors.CONSULTANT_NOT_CERTIFIED, { name: actor.displayName });
}
