import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { createPdf, fields, footer, heading, section, table } from '../../../platform/pdf/pdf.js';
import { getProjectById } from '../../org/index.js';
import { receiptNumberText, shanghaiMinute } from '../deals.rules.js';
import { formatYuan } from '../plan.rules.js';
import { discountWords } from './plans.js';
import { methodNames } from './receipts.js';
import { getTransactionFile } from './transaction-file.js';

/** The transaction file printed (SA-19): one PDF for the paper archive, its 操作记录 in words. */

// The printed 操作记录 in words, as on the screen (web/modules/audit/audit.labels.ts): never a code.
const auditEntityNames: Record<string, string> = {
  deal_transaction_file: '成交档案',
  deal_agreement: '认购书',
  deal_plan: '置业计划',
  deal_deposit: '定金',
  deal_receipt: '收据',
  deal_contract: '合同',
  deal_mortgage: '按揭',
  deal_move_in: '入伙',
  deal_form: '认购书表单',
  deal_file: '交易档案',
  unit: '房源',
};
const auditActionNames: Record<string, string> = {
  create: '新建',
  update: '修改',
  submit: '提交',
  approve: '批准',
  return: '退回',
  reject: '驳回',
  abandon: '放弃',
  open: '建立',
  request: '申请',
  confirm: '确认',
  collect: '收款',
  cancel: '取消',
  void: '作废',
  void_request: '申请作废',
  void_reject: '驳回作废',
  print: '打印',
  reprint: '补打',
  revise: '修订',
  payment: '收款',
  prepare: '准备合同',
  sign: '签署',
  statement_signed: '声明已签',
  third_party_statement: '第三方声明',
  schedule: '安排',
  checklist: '更新清单',
  complete: '完成',
  completed: '已办妥',
  failed: '未办成',
  cancelled: '已取消',
  task_done: '事项完成',
  upload: '上传',
  view: '查看',
  expire: '到期',
};
const codeLike = /^[A-Za-z][A-Za-z0-9]*([._][A-Za-z0-9]+)*$/;
export const auditEntityName = (entityType: string) => auditEntityNames[entityType] ?? '记录';
/** An action stored already in words (the unit's history writes them so) is printed as stored. */
export const auditActionName = (action: string) =>
  auditActionNames[action] ?? (codeLike.test(action) ? '更新' : action);

const shanghai = (iso: string | null) => (iso ? shanghaiMinute(iso) : '—');

/** The whole file as one PDF, for the paper archive. */
export async function transactionFilePdf(db: Db, options: { actor: Actor; fileId: string; now: Date }) {
  const view = await getTransactionFile(db, options.actor, options.fileId, options.now);
  const project = await getProjectById(db, options.actor, view.file.projectId);
  const { doc, done } = await createPdf(`成交档案 ${view.file.unitNumber}`);
  heading(doc, `${project.name} 成交档案`);
  fields(doc, [
    ['房号', view.file.unitNumber],
    ['客户', view.file.customerName],
    ['成交总价', `¥${formatYuan(view.file.priceFen)}`],
    ['建档时间', shanghai(view.file.openedAt)],
    ['认购书编号', view.agreement.formNumber],
    ['审核人', `${view.agreement.reviewerName ?? '—'}  ${shanghai(view.agreement.reviewedAt)}`],
  ]);
  section(doc, '买受人');
  table(
    doc,
    ['姓名', '证件号码', '证件复印件', '同意留存'],
    view.agreement.buyers.map((buyer) => [
      buyer.name,
      buyer.idNumberMasked,
      buyer.idCopyFileId ? '已上传' : '—',
      shanghai(buyer.idCopyConsentAt),
    ]),
    [0.2, 0.35, 0.2, 0.25],
  );
  const signer =
    view.agreement.signerKind === 'agent'
      ? `代理人 ${view.agreement.agentName}(${view.agreement.agentIdNumberMasked}),公证委托书 ${view.agreement.notarialNumber}(${view.agreement.notarialFileId ? '已上传' : '未上传'})`
      : `买受人本人 ${view.agreement.buyers[view.agreement.signerBuyerIndex ?? 0]?.name ?? ''}`;
  fields(doc, [['签署人', signer]]);
  if (view.plan) {
    section(doc, `购房方案(第 ${view.plan.version} 版)`);
    const result = view.plan.result;
    fields(doc, [
      ['表价', `¥${formatYuan(result.listTotalFen)}`],
      [
        '优惠',
        `${result.discountSteps.length ? `${discountWords(result.discountSteps)}：` : ''}减 ¥${formatYuan(result.discountFen)}（${result.discountPercent}%）`,
      ],
      ['成交价', `¥${formatYuan(result.finalTotalFen)}`],
      ['首付', `¥${formatYuan(result.downPaymentFen)}`],
      [
        '贷款',
        result.loans
          .map(
            (loan) =>
              `${loan.kind === 'commercial' ? '商贷' : '公积金'} ¥${formatYuan(loan.amountFen)} ${loan.termMonths}期 ${loan.annualRatePercent}%`,
          )
          .join(';') || '—',
      ],
      ['契税', `¥${formatYuan(result.deedTax.amountFen)}(${result.deedTax.ratePercent}%)`],
      ['专项维修资金', `¥${formatYuan(result.maintenanceFundFen)}`],
    ]);
  }
  section(doc, '应收款项');
  table(
    doc,
    ['款项', '应付', '已付', '到期日', '状态'],
    view.paymentItems.map((item) => [
      item.label,
      formatYuan(item.amountFen),
      formatYuan(item.paidFen),
      item.dueOn,
      { paid: '已付清', overdue: '逾期', due: '未到期' }[item.status] ?? item.status,
    ]),
    [0.25, 0.2, 0.2, 0.17, 0.18],
  );
  section(doc, '收据');
  table(
    doc,
    ['编号', '款项', '金额', '方式', '收款人 / 见证人', '状态'],
    view.receipts.map((receipt) => [
      receiptNumberText(receipt.number),
      receipt.purpose === 'deposit' ? '定金' : '房款',
      formatYuan(receipt.amountFen),
      methodNames[receipt.method],
      `${receipt.collectedByName} / ${receipt.witnessName}`,
      receipt.status === 'valid' ? '有效' : receipt.status === 'voided' ? '作废' : '作废审批中',
    ]),
    [0.16, 0.1, 0.16, 0.14, 0.28, 0.16],
  );
  if (view.statements.length) {
    section(doc, '代付声明');
    for (const statement of view.statements)
      doc.text(`${statement.statementText}(签字件:${statement.signedFileId ? '已上传' : '未上传'})`);
  }
  if (view.contract) {
    section(doc, '商品房买卖合同');
    fields(doc, [
      ['合同编号', view.contract.contractNumber],
      ['状态', view.contract.status === 'signed' ? `已签约 ${view.contract.signedOn ?? ''}` : '草拟中'],
    ]);
  }
  if (view.mortgages.length) {
    section(doc, '按揭');
    table(
      doc,
      ['银行', '地点', '时间', '结果'],
      view.mortgages.map((row) => [
        row.bank,
        row.place,
        shanghai(row.appointmentAt),
        row.status === 'completed' ? `完成 ${row.outcomeNote}` : row.status,
      ]),
      [0.2, 0.3, 0.25, 0.25],
    );
  }
  if (view.moveIns.length) {
    section(doc, '入伙');
    for (const moveIn of view.moveIns)
      fields(doc, [
        ['交房时间', `${shanghai(moveIn.appointmentAt)} ${moveIn.place}`],
        ['物业联系人', `${moveIn.propertyOfficeContact} ${moveIn.propertyOfficePhone}`],
        ['祝贺语', moveIn.congratulationMessage],
        [
          '状态',
          moveIn.status === 'completed'
            ? `已交房 ${shanghai(moveIn.completedAt)}`
            : { scheduled: '已预约', failed: '未完成', cancelled: '已取消' }[moveIn.status],
        ],
      ]);
  }
  section(doc, '提醒与任务');
  table(
    doc,
    ['时间', '对象', '内容'],
    view.reminders.map((row) => [
      shanghai(row.sendAt),
      row.recipientName,
      `${row.title}${row.status === 'cancelled' ? '(已取消)' : ''}`,
    ]),
    [0.22, 0.18, 0.6],
  );
  section(doc, '置业顾问责任期(SA-19)');
  fields(doc, [
    ['首期款付清', shanghai(view.responsibility.downPaymentPaidAt)],
    ['合同签订', shanghai(view.responsibility.contractSignedAt)],
    [
      '按揭资料递交',
      view.responsibility.needsMortgageDocuments
        ? shanghai(view.responsibility.mortgageDocsHandedInAt)
        : '无需',
    ],
    ['责任期结束', shanghai(view.responsibility.endsAt)],
  ]);
  section(doc, '操作记录');
  table(
    doc,
    ['#', '时间', '操作人', '对象', '操作'],
    view.audit.map((row) => [
      String(row.seq),
      shanghai(row.at),
      row.actorName,
      auditEntityName(row.entityType),
      auditActionName(row.action),
    ]),
    [0.08, 0.22, 0.2, 0.28, 0.22],
  );
  footer(doc, `成交档案 ${view.file.unitNumber} · 导出于 ${shanghai(options.now.toISOString())}`);
  doc.end();
  return { fileName: `成交档案-${view.file.unitNumber}.pdf`, bytes: await done };
}
