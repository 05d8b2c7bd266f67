import type { Localized } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { localized } from '../../../platform/errors.js';
import { assertDealProject, dealScope, designatedParticipant, seenDeal } from '../deals.policy.js';
import * as queries from '../deals.queries.js';
import type { AgreementStatus } from '../deals.tables.js';

export const agreementEntity = localized('认购书', '認購書', 'Subscription agreement');

export const agreementStatusNames: Record<AgreementStatus, Localized> = {
  draft: localized('草稿', '草稿', 'draft'),
  submitted: localized('待审核', '待審核', 'awaiting review'),
  returned: localized('已退回', '已退回', 'returned'),
  approved: localized('已通过', '已通過', 'approved'),
  cancelled: localized('已取消', '已取消', 'cancelled'),
};

/**
 * An agreement the caller takes part in: its author, its reviewer, and the colleagues the manager
 * designated to review the project's agreements (they see what they are asked to review); the
 * project's finance, controllers and managers see every agreement. 404 for anyone else.
 */
export async function getAgreementRow(db: Tx, actor: Actor, agreementId: string) {
  const row = await queries.findAgreement(db, agreementId);
  const designated = row ? await designatedParticipant(db, actor, row.projectId, ['agreement_review']) : [];
  return seenDeal(
    actor,
    row,
    (agreement) => ({
      companyId: agreement.companyId,
      projectId: agreement.projectId,
      participantIds: [agreement.consultantId, agreement.reviewerId, ...designated],
    }),
    agreementEntity,
  );
}

/** ID numbers leave the server masked only (PRIV); the ciphertext never does. */
export async function getAgreementById(db: Tx, actor: Actor, agreementId: string) {
  return agreementView(db, await getAgreementRow(db, actor, agreementId));
}

/** The agreement of a deal whose scope the caller already passed (its transaction file). */
export async function agreementView(db: Tx, row: queries.AgreementRow) {
  const buyers = await queries.findBuyers(db, row.id);
  const { agentIdNumberEnc: _secret, ...rest } = row;
  return {
    ...rest,
    priceFen: Number(row.priceFen),
    downPaymentFen: Number(row.downPaymentFen),
    buyers: buyers.map((buyer) => ({
      id: buyer.id,
      name: buyer.name,
      idType: buyer.idType,
      idNumberMasked: buyer.idNumberMasked,
      idCopyFileId: buyer.idCopyFileId,
      idCopyConsentAt: buyer.idCopyConsentAt,
    })),
  };
}

export async function findAgreements(
  db: Db,
  actor: Actor,
  query: {
    projectId?: string;
    status?: AgreementStatus;
    depositId?: string;
    search?: string;
    sort: 'updatedAt' | 'formNumber' | 'priceFen';
    order: 'asc' | 'desc';
    offset: number;
    limit: number;
  },
) {
  if (query.projectId) await assertDealProject(db, actor, query.projectId);
  const { rows, total } = await queries.findAgreementPage(db, dealScope(actor), query, query);
  return {
    rows: rows.map(({ agentIdNumberEnc: _secret, ...row }) => ({
      ...row,
      priceFen: Number(row.priceFen),
      downPaymentFen: Number(row.downPaymentFen),
    })),
    total,
  };
}
