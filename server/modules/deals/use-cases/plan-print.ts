import { discountText } from '../../../../contracts/deals.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { createPdf, fields, footer, heading, section, table } from '../../../platform/pdf/pdf.js';
import { getProjectById } from '../../org/index.js';
import { formatYuan } from '../plan.rules.js';
import { getPlanById, getPlanSchedule } from './plans.js';

const methodText = {
  lump_sum: '一次性付款',
  instalments: '分期付款',
  commercial_loan: '商业贷款',
  provident_fund: '公积金贷款',
  combination: '组合贷款',
} as const;
const repaymentText = { equal_instalment: '等额本息', equal_principal: '等额本金' } as const;

/** SA-9: the printable 购房方案 with every figure and, per loan, the full month-by-month schedule. */
export async function planPdf(db: Db, options: { actor: Actor; planId: string }) {
  const plan = await getPlanById(db, options.actor, options.planId);
  const full = await getPlanSchedule(db, options.actor, options.planId);
  const project = await getProjectById(db, options.actor, plan.projectId);
  const result = plan.result;
  const { doc, done } = await createPdf(`购房方案 ${plan.unitNumber}`);
  heading(doc, `${project.name} 购房方案`);
  fields(doc, [
    ['客户', plan.customerName],
    ['房号', plan.unitNumber],
    ['建筑面积', `${plan.input.buildingArea} ㎡`],
    [
      '版本',
      `第 ${plan.version} 版${plan.status === 'pending_approval' ? '(优惠待审批)' : plan.status === 'rejected' ? '(优惠未获批准)' : ''}`,
    ],
    ['表价', `¥${formatYuan(result.listTotalFen)}`],
  ]);
  if (result.discountSteps.length) {
    section(doc, '优惠(按顺序计算,每步四舍五入到分)');
    table(
      doc,
      ['优惠', '方式', '优惠前', '优惠后'],
      result.discountSteps.map((step) => [
        step.label,
        discountText(step, 'zh-CN'),
        formatYuan(step.beforeFen),
        formatYuan(step.afterFen),
      ]),
      [0.3, 0.2, 0.25, 0.25],
    );
  }
  section(doc, '价格与付款');
  fields(doc, [
    ['成交总价', `¥${formatYuan(result.finalTotalFen)}(优惠 ${result.discountPercent}%)`],
    ['成交单价', `¥${formatYuan(result.finalUnitPriceFen)} / ㎡`],
    ['付款方式', methodText[plan.input.paymentMethod]],
    ['首付 / 首期', `¥${formatYuan(result.downPaymentFen)}`],
    [
      '契税',
      `¥${formatYuan(result.deedTax.amountFen)}(计税价 ¥${formatYuan(result.deedTax.baseFen)} × ${result.deedTax.ratePercent}%)`,
    ],
    ['专项维修资金', `¥${formatYuan(result.maintenanceFundFen)}`],
    ['签约前需备现金', `¥${formatYuan(result.cashNeededFen)}`],
  ]);
  if (result.instalments.length)
    table(
      doc,
      ['期数', '比例', '金额', '签约后(月)'],
      result.instalments.map((item) => [
        item.label,
        `${item.percent}%`,
        formatYuan(item.amountFen),
        String(item.monthsAfterSigning),
      ]),
      [0.3, 0.2, 0.3, 0.2],
    );
  for (const loan of full.loans) {
    section(
      doc,
      `${loan.kind === 'commercial' ? '商业贷款' : '公积金贷款'} ¥${formatYuan(loan.amountFen)} · ${loan.termMonths} 期 · 年利率 ${loan.annualRatePercent}% · ${repaymentText[loan.repayment]}`,
    );
    fields(doc, [
      [
        '首月还款',
        `¥${formatYuan(loan.firstPaymentFen)}${loan.monthlyDecreaseFen !== null ? `(每月递减约 ¥${formatYuan(loan.monthlyDecreaseFen)})` : ''}`,
      ],
      ['总利息', `¥${formatYuan(loan.totalInterestFen)}`],
      ['还款总额', `¥${formatYuan(loan.totalPaymentFen)}`],
    ]);
    table(
      doc,
      ['期', '月供', '本金', '利息', '剩余本金'],
      (loan.schedule ?? []).map((row) => [
        String(row.month),
        formatYuan(row.paymentFen),
        formatYuan(row.principalFen),
        formatYuan(row.interestFen),
        formatYuan(row.balanceFen),
      ]),
      [0.1, 0.225, 0.225, 0.225, 0.225],
    );
  }
  footer(doc, `购房方案 ${plan.unitNumber} · 第 ${plan.version} 版 · 本方案仅供参考,以正式合同为准`);
  doc.end();
  return { fileName: `购房方案-${plan.unitNumber}-v${plan.version}.pdf`, bytes: await done };
}
