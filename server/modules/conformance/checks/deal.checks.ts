import type { Localized } from '../../../../contracts/locales.js';
import { localized } from '../../../platform/errors.js';
import { computePlan, type DealConformanceFacts, type PlanInput } from '../../deals/index.js';
import {
  type CheckDefinition,
  defineCheck,
  type Evidence,
  met,
  missed,
  notApplicable,
  pending,
  type SubjectFacts,
} from './check-types.js';
import { downPaymentReminders, mortgageReminders } from './deal-reminders.checks.js';
import { addDays, endOfDay, shanghaiDay } from './deal-time.js';

/**
 * The deal checks (SA-9 … SA-19), scored on the facts the deals module recorded
 * (deals/conformance-facts.ts). A deal is its deposit; links go to it and to the staff named.
 */

type Facts = DealConformanceFacts;
const l = localized;
const dealLink = (facts: Facts) => ({ kind: 'deal' as const, id: facts.id });
const staffLink = (id: string) => ({ kind: 'staff' as const, id });
const fen = (amount: number) => `¥${(amount / 100).toFixed(2)}`;
const dealCheck = (definition: Omit<CheckDefinition<Facts>, 'subjectKind'>) =>
  defineCheck<Facts>({ ...definition, subjectKind: 'deal' });

const noPlan = { label: l('购房方案', '購房方案', 'Purchase plan'), value: l('无', '無', 'none') };
const notTaken = (facts: Facts): Evidence => ({
  label: l('定金', '定金', 'Deposit'),
  value: l('尚未收取', '尚未收取', 'not taken'),
  at: facts.deposit.requestedAt,
  link: dealLink(facts),
});

const unitStatusWords: Record<string, Localized> = {
  for_sale: l('可售', '可售', 'for sale'),
  held: l('锁定', '鎖定', 'held'),
  deposited: l('已下定', '已下定', 'under deposit'),
  subscribed: l('已认购', '已認購', 'subscribed'),
  contracted: l('已签约', '已簽約', 'contracted'),
  sold: l('已售', '已售', 'sold'),
};

export const planUnitForSale = dealCheck({
  id: 'SA-9.plan_unit_for_sale',
  ruleId: 'SA-9',
  version: 1,
  title: l('方案所选房号当时可售', '方案所選房號當時可售', 'The plan was made on a unit then for sale'),
  evaluate(facts) {
    const plan = facts.plan;
    if (!plan) return notApplicable(noPlan);
    const label = l('做方案时房号状态', '做方案時房號狀態', "The unit's status when the plan was made");
    if (plan.unitStatusAtPlan === null)
      return notApplicable({ label, value: l('未记录', '未記錄', 'not recorded'), at: plan.createdAt });
    const isHeldForBuyer = plan.unitStatusAtPlan === 'held' && plan.isUnitHeldForCustomer === true;
    const word = unitStatusWords[plan.unitStatusAtPlan] ?? l('其他', '其他', 'other');
    const value = isHeldForBuyer ? l('为该客户锁定', '為該客戶鎖定', 'held for this customer') : word;
    const evidence = { label, value, at: plan.createdAt, link: dealLink(facts) };
    return plan.unitStatusAtPlan === 'for_sale' || isHeldForBuyer ? met(evidence) : missed(evidence);
  },
});

export const planExact = dealCheck({
  id: 'SA-9.plan_exact',
  ruleId: 'SA-9',
  version: 1,
  title: l('方案价格计算准确', '方案價格計算準確', "The plan's price is computed exactly"),
  evaluate(facts) {
    const plan = facts.plan;
    if (!plan) return notApplicable(noPlan);
    const stored = {
      label: l('方案所存成交价', '方案所存成交價', "The plan's stored total"),
      value: fen(plan.finalTotalFen),
      at: plan.createdAt,
      link: dealLink(facts),
    };
    let recomputed: { finalTotalFen: number; downPaymentFen: number };
    try {
      const { meta: _meta, ...input } = JSON.parse(plan.inputJson) as PlanInput & { meta?: unknown };
      recomputed = computePlan(input);
    } catch {
      return missed(stored, {
        label: l('按所存输入重算', '按所存輸入重算', 'Recomputed from the stored inputs'),
        value: l('输入无法计算', '輸入無法計算', 'the inputs do not compute'),
      });
    }
    const evidence = [
      stored,
      {
        label: l('按所存输入重算', '按所存輸入重算', 'Recomputed from the stored inputs'),
        value: `${fen(recomputed.finalTotalFen)} / ${fen(recomputed.downPaymentFen)}`,
      },
    ];
    const isExact =
      recomputed.finalTotalFen === plan.finalTotalFen &&
      recomputed.downPaymentFen === plan.downPaymentFen &&
      (plan.resultFinalTotalFen === null || plan.resultFinalTotalFen === plan.finalTotalFen);
    return isExact ? met(...evidence) : missed(...evidence);
  },
});

export const depositReverified = dealCheck({
  id: 'SA-12.reverify',
  ruleId: 'SA-12',
  version: 1,
  title: l(
    '收定金前复核房号并报项目经理或指定销控员',
    '收定金前複核房號並報項目經理或指定銷控員',
    'Unit re-verified and reported to the manager or designated controller before the deposit',
  ),
  evaluate(facts) {
    const { deposit } = facts;
    if (!deposit.collectedAt) return notApplicable(notTaken(facts));
    const taken = {
      label: l('收取定金', '收取定金', 'Deposit taken'),
      at: deposit.collectedAt,
      link: dealLink(facts),
    };
    const label = l('复核', '複核', 'Re-verification');
    if (!deposit.confirmedAt || !deposit.confirmedBy)
      return missed({ label, value: l('未复核', '未複核', 'none recorded') }, taken);
    const by = {
      label,
      value: deposit.confirmedByName ?? '',
      at: deposit.confirmedAt,
      link: staffLink(deposit.confirmedBy),
    };
    if (deposit.confirmedAt > deposit.collectedAt)
      return missed(
        { ...by, value: l('收款之后才复核', '收款之後才複核', 'after the money was taken') },
        taken,
      );
    if (deposit.confirmedBy === deposit.consultantId)
      return missed(
        {
          ...by,
          value: l(
            `由本单置业顾问${by.value}自行复核,未报他人`,
            `由本單置業顧問${by.value}自行複核,未報他人`,
            `by the deal's own consultant ${by.value}, reported to nobody`,
          ),
        },
        taken,
      );
    return met(by, taken);
  },
});

export const depositTwoPeople = dealCheck({
  id: 'SA-12.two_person',
  ruleId: 'SA-12',
  version: 1,
  title: l(
    '定金由收款人收取,两人在场',
    '定金由收款人收取,兩人在場',
    'Deposit collected with two people present',
  ),
  evaluate(facts) {
    const { deposit } = facts;
    if (!deposit.collectedAt) return notApplicable(notTaken(facts));
    const collector = {
      label: l('收款人', '收款人', 'Collected by'),
      value: deposit.collectedByName ?? '',
      at: deposit.collectedAt,
      ...(deposit.collectedBy ? { link: staffLink(deposit.collectedBy) } : {}),
    };
    const witness = {
      label: l('在场第二人', '在場第二人', 'Second person present'),
      value: deposit.witnessName ?? l('未记录', '未記錄', 'not recorded'),
      ...(deposit.witnessId ? { link: staffLink(deposit.witnessId) } : {}),
    };
    const isTwo = Boolean(
      deposit.collectedBy && deposit.witnessId && deposit.collectedBy !== deposit.witnessId,
    );
    return isTwo ? met(collector, witness) : missed(collector, witness);
  },
});

export const agreementReviewed = dealCheck({
  id: 'SA-13.review',
  ruleId: 'SA-13',
  version: 1,
  title: l(
    '认购书经非本人审核、表单有据、签署后即时封房',
    '認購書經非本人審核、表單有據、簽署後即時封房',
    'Agreement reviewed by another, form accounted for, unit sealed at once',
  ),
  evaluate(facts, now) {
    const { agreement } = facts;
    if (!agreement)
      return notApplicable({ label: l('认购书', '認購書', 'Agreement'), value: l('无', '無', 'none') });
    const link = dealLink(facts);
    const form = agreement.form;
    const isFormAccounted =
      agreement.status === 'cancelled'
        ? form?.status === 'voided' && form.voidReason.trim() !== ''
        : form?.status === 'used' && form.agreementId === agreement.id;
    const formEvidence = {
      label: l(
        `认购书表单 ${agreement.formNumber}`,
        `認購書表單 ${agreement.formNumber}`,
        `Form ${agreement.formNumber}`,
      ),
      value: isFormAccounted
        ? l('有据可查', '有據可查', 'accounted for')
        : l('去向不明', '去向不明', 'not accounted for'),
      link,
    };
    if (agreement.status === 'cancelled')
      return isFormAccounted ? notApplicable(formEvidence) : missed(formEvidence);
    const deadline = endOfDay(addDays(agreement.signedOn, facts.sealWithinDays));
    const limit = l(
      `签署日 ${agreement.signedOn}`,
      `簽署日 ${agreement.signedOn}`,
      `signed ${agreement.signedOn}`,
    );
    const sealedAt = agreement.status === 'approved' ? (facts.file?.openedAt ?? agreement.reviewedAt) : null;
    const seal = {
      label: l(
        `封房(时限:签署后 ${facts.sealWithinDays} 天内)`,
        `封房(時限:簽署後 ${facts.sealWithinDays} 天內)`,
        `Unit sealed (limit: ${facts.sealWithinDays} days after signing)`,
      ),
      value: limit,
      at: sealedAt,
      link,
    };
    if (!sealedAt) {
      if (!isFormAccounted) return missed(formEvidence, seal);
      return now.toISOString() <= deadline
        ? pending(deadline, formEvidence, seal)
        : missed(formEvidence, seal);
    }
    const reviewer = {
      label: l('审核人', '審核人', 'Reviewed by'),
      value: agreement.reviewerName ?? '',
      at: agreement.reviewedAt,
      ...(agreement.reviewerId ? { link: staffLink(agreement.reviewerId) } : {}),
    };
    const isReviewedByOther = Boolean(
      agreement.reviewerId && agreement.reviewerId !== agreement.consultantId,
    );
    const evidence = [reviewer, formEvidence, seal];
    return isReviewedByOther && isFormAccounted && sealedAt <= deadline
      ? met(...evidence)
      : missed(...evidence);
  },
});

export const contractFilledByCertified = dealCheck({
  id: 'SA-15.certified',
  ruleId: 'SA-15',
  version: 1,
  title: l(
    '合同由考核合格的置业顾问填写',
    '合同由考核合格的置業顧問填寫',
    'Contract filled by a consultant who passed the contract exam',
  ),
  evaluate(facts) {
    const contract = facts.contract;
    if (!contract)
      return notApplicable({ label: l('合同', '合同', 'Contract'), value: l('无', '無', 'none') });
    const day = shanghaiDay(contract.createdAt);
    const passed = contract.exams
      .filter((exam) => exam.score >= exam.passMark && exam.takenOn <= day && exam.expiresOn >= day)
      .sort((a, b) => (a.takenOn < b.takenOn ? 1 : -1))[0];
    const filler = {
      label: l('合同填写人', '合同填寫人', 'Contract filled by'),
      at: contract.createdAt,
      link: staffLink(contract.consultantId),
    };
    if (!passed)
      return missed(filler, {
        label: l('合同填写考核', '合同填寫考核', 'Contract-filling exam'),
        value: l('当时无有效合格记录', '當時無有效合格記錄', 'no valid pass at the time'),
      });
    return met(filler, {
      label: l('合同填写考核', '合同填寫考核', 'Contract-filling exam'),
      value: l(
        `${passed.takenOn} 通过(${passed.score}/${passed.passMark}),有效至 ${passed.expiresOn}`,
        `${passed.takenOn} 通過(${passed.score}/${passed.passMark}),有效至 ${passed.expiresOn}`,
        `passed ${passed.takenOn} (${passed.score}/${passed.passMark}), valid to ${passed.expiresOn}`,
      ),
    });
  },
});

/**
 * Whether the deal's recorded hand-overs take it from consultant `from` to `to` (directly or
 * through colleagues in between, in the order they were made); the hand-overs that did, if so.
 */
function handOverPath(facts: Facts, from: string, to: string): Facts['handOvers'] | null {
  let holder = from;
  const path: Facts['handOvers'] = [];
  for (const handOver of facts.handOvers) {
    if (handOver.fromConsultantId !== holder) continue;
    holder = handOver.toConsultantId;
    path.push(handOver);
    if (holder === to) return path;
  }
  return null;
}

export const consultantFollowThrough = dealCheck({
  id: 'SA-19.follow_through',
  ruleId: 'SA-19',
  version: 2,
  title: l(
    '置业顾问跟进至首期款付清(更换须经转交)',
    '置業顧問跟進至首期款付清(更換須經轉交)',
    'The consultant followed the deal through to the down payment (changes only by hand-over)',
  ),
  evaluate(facts, now) {
    const file = facts.file;
    if (!file)
      return notApplicable({
        label: l('成交档案', '成交檔案', 'Transaction file'),
        value: l('无', '無', 'none'),
      });
    const steps: Array<[Localized, string | undefined]> = [
      [l('方案', '方案', 'Plan'), facts.plan?.consultantId],
      [l('定金', '定金', 'Deposit'), facts.deposit.consultantId],
      [l('认购书', '認購書', 'Agreement'), facts.agreement?.consultantId],
      [l('成交档案', '成交檔案', 'Transaction file'), file.consultantId],
    ];
    const evidence: Evidence[] = steps.flatMap(([label, staffId]) =>
      staffId ? [{ label, value: l('置业顾问', '置業顧問', 'consultant'), link: staffLink(staffId) }] : [],
    );
    const paid = {
      label: l('首期款付清', '首期款付清', 'Down payment paid'),
      at: file.downPaymentPaidAt,
      link: dealLink(facts),
    };
    if (!file.downPaymentPaidAt) {
      if (file.status === 'cancelled') return notApplicable(paid, ...evidence);
      const dueEnd = facts.downPayment ? endOfDay(facts.downPayment.dueOn) : now.toISOString();
      const nextDay = new Date(now.getTime() + 86_400_000).toISOString();
      return pending([dueEnd, nextDay].sort()[1] ?? nextDay, paid, ...evidence);
    }
    // Each change of consultant from one step to the next must be a recorded hand-over.
    const holders = steps.flatMap(([label, staffId]) => (staffId ? [{ label, staffId }] : []));
    let isCovered = true;
    const changes: Evidence[] = [];
    for (const [index, step] of holders.entries()) {
      const before = holders[index - 1];
      if (!before || before.staffId === step.staffId) continue;
      const path = handOverPath(facts, before.staffId, step.staffId);
      if (!path) {
        isCovered = false;
        changes.push({
          label: l(
            `更换置业顾问(${step.label['zh-CN']})`,
            `更換置業顧問(${step.label['zh-TW']})`,
            `Consultant changed (${step.label.en})`,
          ),
          value: l('未经转交', '未經轉交', 'no hand-over recorded'),
          link: staffLink(step.staffId),
        });
        continue;
      }
      for (const handOver of path)
        changes.push({
          label: l('转交置业顾问', '轉交置業顧問', 'Handed to another consultant'),
          value: l(
            `${handOver.fromConsultantName} → ${handOver.toConsultantName}(${handOver.handedOverByName}:${handOver.reason})`,
            `${handOver.fromConsultantName} → ${handOver.toConsultantName}(${handOver.handedOverByName}:${handOver.reason})`,
            `${handOver.fromConsultantName} → ${handOver.toConsultantName} (${handOver.handedOverByName}: ${handOver.reason})`,
          ),
          at: handOver.handedOverAt,
          link: dealLink(facts),
        });
    }
    return isCovered ? met(paid, ...evidence, ...changes) : missed(paid, ...evidence, ...changes);
  },
});

/** The deal checks, in rule order. */
export const dealChecks: CheckDefinition<SubjectFacts>[] = [
  planUnitForSale,
  planExact,
  depositReverified,
  depositTwoPeople,
  agreementReviewed,
  downPaymentReminders,
  contractFilledByCertified,
  mortgageReminders,
  consultantFollowThrough,
];
