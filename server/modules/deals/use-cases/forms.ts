import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibility } from '../../../platform/auth/scope.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError, commonErrors, localized } from '../../../platform/errors.js';
import { writeAudit } from '../../audit/index.js';
import { dealErrors } from '../deals.errors.js';
import { assertProjectRole, assertSeesProject, salesRoles } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import { formNumber, missingSerials } from '../deals.rules.js';
import type { FormStatus } from '../deals.tables.js';

const formStatusNames: Record<FormStatus, Localized> = {
  in_stock: localized('库存', '庫存', 'in stock'),
  checked_out: localized('已领用', '已領用', 'checked out'),
  used: localized('已使用', '已使用', 'used'),
  voided: localized('已作废', '已作廢', 'voided'),
};
const notIssued = localized('未发放', '未發放', 'not issued');
const heldByColleague = localized('已被他人领用', '已被他人領用', 'checked out by a colleague');
const usedByAnother = localized('已用于另一份认购书', '已用於另一份認購書', 'used for another agreement');
const maxBatch = 5000;

/** SA-13: a batch of numbered 认购书 forms issued to the project; one row per number, all in stock. */
export async function issueFormBatch(
  db: Db,
  options: {
    actor: Actor;
    projectId: string;
    prefix: string;
    firstSerial: number;
    lastSerial: number;
    width: number;
    note: string;
    now: Date;
  },
) {
  const { actor, projectId, now } = options;
  await assertSeesProject(db, actor, projectId);
  assertProjectRole(actor, projectId, ['manager', 'controller']);
  const count = options.lastSerial - options.firstSerial + 1;
  if (count < 1 || count > maxBatch)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        lastSerial: localized(
          `每批 1 至 ${maxBatch} 份`,
          `每批 1 至 ${maxBatch} 份`,
          `1 to ${maxBatch} forms a batch`,
        ),
      },
    );
  const batchId = newId();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    if (
      await queries.findOverlappingBatch(
        trx,
        projectId,
        options.prefix,
        options.firstSerial,
        options.lastSerial,
      )
    )
      throw new AppError(dealErrors.FORM_RANGE_OVERLAP);
    const batch = {
      id: batchId,
      companyId: actor.companyId,
      projectId,
      prefix: options.prefix,
      firstSerial: options.firstSerial,
      lastSerial: options.lastSerial,
      note: options.note,
      issuedBy: actor.staffId,
      issuedAt: at,
    };
    await queries.insertFormBatch(trx, batch);
    const rows: queries.FormRow[] = [];
    for (let serial = options.firstSerial; serial <= options.lastSerial; serial++)
      rows.push({
        id: newId(),
        projectId,
        batchId,
        serial,
        number: formNumber(options.prefix, serial, options.width),
        status: 'in_stock',
        holderId: null,
        checkedOutAt: null,
        agreementId: null,
        usedAt: null,
        voidReason: '',
        voidedBy: null,
        voidedAt: null,
        updatedAt: at,
      });
    await queries.insertForms(trx, rows);
    await writeAudit(trx, {
      actor,
      at: now,
      projectId,
      entityType: 'deal_form_batch',
      entityId: batchId,
      action: 'issue',
      after: { ...batch, count, first: rows[0].number, last: rows.at(-1)?.number },
    });
  });
  return { id: batchId, count };
}

const formEntity = localized('认购书表单', '認購書表單', 'Form');

/** Blank forms are the project's: everyone working in it sees them (project scope). */
async function getFormRow(db: Tx, actor: Actor, formId: string) {
  const form = await queries.findForm(db, formId);
  visibility(actor, 'project').assertSees(form, formEntity);
  if (!form) throw new AppError(commonErrors.NOT_FOUND, { entity: formEntity });
  assertProjectRole(actor, form.projectId, salesRoles);
  return form;
}

/** A consultant takes a blank form from stock; it is theirs to use or return voided. */
export async function checkOutForm(db: Db, options: { actor: Actor; formId: string; now: Date }) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const form = await getFormRow(trx, actor, options.formId);
    if (
      !(await queries.updateFormIf(trx, form.id, ['in_stock'], {
        status: 'checked_out',
        holderId: actor.staffId,
        checkedOutAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }))
    )
      throw new AppError(dealErrors.FORM_NOT_AVAILABLE, {
        number: form.number,
        reason: formStatusNames[form.status],
      });
    await writeAudit(trx, {
      actor,
      at: now,
      projectId: form.projectId,
      entityType: 'deal_form',
      entityId: form.id,
      action: 'check_out',
      after: { number: form.number },
    });
  });
}

/** A torn or spoilt form is voided with a reason, never thrown away: it stays in the count. */
export async function voidForm(db: Db, options: { actor: Actor; formId: string; reason: string; now: Date }) {
  const { actor, now } = options;
  await db.transaction().execute(async (trx) => {
    const form = await getFormRow(trx, actor, options.formId);
    await voidFormIf(trx, { actor, form, from: ['in_stock', 'checked_out'], reason: options.reason, now });
  });
}

/**
 * Voids a form still in one of the `from` states, by one conditional update, with its audit row:
 * FORM_NOT_AVAILABLE when another change got there first (or `isMine` is false).
 */
async function voidFormIf(
  trx: Tx,
  options: {
    actor: Actor;
    form: queries.FormRow;
    from: FormStatus[];
    reason: string;
    now: Date;
    isMine?: boolean;
    audited?: Record<string, unknown>;
  },
) {
  const { actor, form, now } = options;
  const at = now.toISOString();
  const won =
    options.isMine !== false &&
    (await queries.updateFormIf(trx, form.id, options.from, {
      status: 'voided',
      voidReason: options.reason,
      voidedBy: actor.staffId,
      voidedAt: at,
      updatedAt: at,
    }));
  if (!won)
    throw new AppError(dealErrors.FORM_NOT_AVAILABLE, {
      number: form.number,
      reason: formStatusNames[form.status],
    });
  await writeAudit(trx, {
    actor,
    at: now,
    projectId: form.projectId,
    entityType: 'deal_form',
    entityId: form.id,
    action: 'void',
    after: { number: form.number, reason: options.reason, ...options.audited },
  });
}

/**
 * Claims a form for an agreement inside the agreement's transaction: it must be in stock or held
 * by this consultant. One conditional update; a form number is used once, ever.
 */
export async function claimFormForAgreement(
  trx: Tx,
  options: { actor: Actor; projectId: string; number: string; agreementId: string; now: Date },
) {
  const form = await queries.findFormByNumber(trx, options.projectId, options.number.trim());
  if (!form)
    throw new AppError(
      dealErrors.FORM_NOT_AVAILABLE,
      { number: options.number, reason: notIssued },
      { formNumber: localized('没有这个编号', '沒有這個編號', 'No such form number') },
    );
  const held = form.status === 'checked_out' && form.holderId !== options.actor.staffId;
  const won =
    !held &&
    (await queries.updateFormIf(trx, form.id, ['in_stock', 'checked_out'], {
      status: 'used',
      agreementId: options.agreementId,
      usedAt: options.now.toISOString(),
      holderId: options.actor.staffId,
      updatedAt: options.now.toISOString(),
    }));
  if (!won)
    throw new AppError(
      dealErrors.FORM_NOT_AVAILABLE,
      {
        number: form.number,
        reason: held
          ? heldByColleague
          : form.status === 'used'
            ? usedByAnother
            : formStatusNames[form.status],
      },
      { formNumber: localized('该编号不可用', '該編號不可用', 'Not available') },
    );
  return form;
}

/**
 * SA-13: the form of an agreement abandoned before approval is voided with the reason given,
 * inside the caller's transaction; it stays in the count as voided, with its agreement kept.
 */
export async function voidFormOfAgreement(
  trx: Tx,
  options: { actor: Actor; formId: string; agreementId: string; reason: string; now: Date },
) {
  const form = await queries.findForm(trx, options.formId);
  if (!form) throw new AppError(commonErrors.NOT_FOUND, { entity: formEntity });
  await voidFormIf(trx, {
    actor: options.actor,
    form,
    from: ['used'],
    reason: options.reason,
    now: options.now,
    isMine: form.agreementId === options.agreementId,
    audited: { agreementId: options.agreementId },
  });
}

/**
 * SA-13 stocktake: every form of every batch counted as used, voided, in stock or out with a
 * consultant; "unaccounted" lists forms out with someone (not yet used or returned) and any
 * number of a batch's range that has no record at all.
 */
export async function formReport(db: Db, options: { actor: Actor; projectId: string }) {
  const { actor, projectId } = options;
  await assertSeesProject(db, actor, projectId);
  assertProjectRole(actor, projectId, ['manager', 'controller', 'finance']);
  const batches = await queries.findBatches(db, projectId);
  const counts = await queries.countFormsByStatus(db, projectId);
  const out = await queries.findFormsOfProject(db, projectId, { status: 'checked_out' });
  const voided = await queries.findFormsOfProject(db, projectId, { status: 'voided' });
  const result = [];
  for (const batch of batches) {
    const of = (status: FormStatus) =>
      Number(counts.find((row) => row.batchId === batch.id && row.status === status)?.count ?? 0);
    const missing = missingSerials(
      batch.firstSerial,
      batch.lastSerial,
      await queries.findFormSerials(db, batch.id),
    );
    result.push({
      id: batch.id,
      prefix: batch.prefix,
      firstSerial: batch.firstSerial,
      lastSerial: batch.lastSerial,
      issuedAt: batch.issuedAt,
      note: batch.note,
      total: batch.lastSerial - batch.firstSerial + 1,
      inStock: of('in_stock'),
      checkedOut: of('checked_out'),
      used: of('used'),
      voided: of('voided'),
      missingSerials: missing,
    });
  }
  return {
    batches: result,
    unaccounted: [
      ...out.map((form) => ({
        number: form.number,
        reason: 'checked_out' as const,
        holderId: form.holderId,
        since: form.checkedOutAt,
      })),
      ...result.flatMap((batch) =>
        batch.missingSerials.map((serial) => ({
          number: `${batch.prefix}#${serial}`,
          reason: 'missing' as const,
          holderId: null,
          since: null,
        })),
      ),
    ],
    voided: voided.map((form) => ({
      number: form.number,
      reason: form.voidReason,
      voidedBy: form.voidedBy,
      voidedAt: form.voidedAt,
    })),
  };
}

export async function findForms(db: Db, options: { actor: Actor; projectId: string; status?: FormStatus }) {
  await assertSeesProject(db, options.actor, options.projectId);
  assertProjectRole(options.actor, options.projectId, salesRoles);
  return queries.findFormsOfProject(db, options.projectId, { status: options.status });
}
