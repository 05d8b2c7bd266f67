import { z } from 'zod';
import { calendarDay, dateTime, multilineText, nfkcText } from '../../platform/http/fields.js';
import { pageQuery } from '../../platform/http/pagination.js';
import { localizedIssue } from '../../platform/http/validation.js';
import type { TaskKind } from './deals.rules.js';
import { discountOrders, paymentMethods, repaymentMethods } from './plan.rules.js';

const id = z.string().min(1).max(64);
const percent = nfkcText()
  .trim()
  .regex(
    /^\d{1,3}(\.\d{1,4})?$/,
    localizedIssue({
      'zh-CN': '请输入百分比,最多 4 位小数',
      'zh-TW': '請輸入百分比,最多 4 位小數',
      en: 'A percentage with up to 4 decimals',
    }),
  );
const fen = z.number().int().min(0).max(100_000_000_000);
const positiveFen = z.number().int().min(1).max(100_000_000_000);
const date = calendarDay;
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
/** An ID number as typed: full-width digits and Ｘ folded (NFKC); checked by the GB 11643 rule. */
const idNumber = nfkcText().trim().min(1).max(30);
/** On an agreement: empty keeps the number a draft already holds for that buyer (by `id`) or agent. */
const agreementIdNumber = nfkcText().trim().max(30);
/** Notes, comments and reasons: typed in a text area, so line breaks are kept. */
const note = (max: number) => multilineText(text(max));
const requiredNote = (max: number) => multilineText(required(max));

/** A 折 as offices write it: "98", "9.8", "95.5", with or without the 折 after it. */
const share = nfkcText()
  .trim()
  .overwrite((value) => value.replace(/折$/, '').trim())
  .regex(
    /^\d{1,3}(\.\d{1,4})?$/,
    localizedIssue({
      'zh-CN': '请输入折数，如 98 或 9.8（最多 4 位小数）',
      'zh-TW': '請輸入折數，如 98 或 9.8（最多 4 位小數）',
      en: 'Enter the share paid (折), such as 98 or 9.8, with up to 4 decimals',
    }),
  );
export const discountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('share'), label: required(40), share }),
  z.strictObject({ kind: z.literal('percent'), label: required(40), percent }),
  z.strictObject({ kind: z.literal('amount'), label: required(40), amountFen: fen }),
]);
const loanTerms = z.strictObject({
  annualRatePercent: percent,
  termMonths: z.number().int().min(1).max(360),
  repayment: z.enum(repaymentMethods),
});

const planChoiceFields = {
  discounts: z.array(discountSchema).max(10).default([]),
  paymentMethod: z.enum(paymentMethods),
  downPaymentPercent: percent.optional(),
  commercial: loanTerms.optional(),
  providentFund: loanTerms.extend({ amountFen: positiveFen.optional() }).optional(),
  instalments: z
    .array(
      z.strictObject({ label: required(20), percent, monthsAfterSigning: z.number().int().min(0).max(120) }),
    )
    .max(12)
    .optional(),
  homeOrder: z.enum(['first', 'second', 'other']),
};

/** SA-9: the consultant saw the confirmation of a price cut above the project's threshold. */
const discountConfirmed = z.boolean().default(false);
export const planCreateBody = z.strictObject({
  customerId: id,
  unitId: id,
  ...planChoiceFields,
  discountConfirmed,
});
export const planReviseBody = z.strictObject({
  expectedVersion: z.number().int().min(1),
  ...planChoiceFields,
  discountConfirmed,
});
/** The figures of a plan before it is saved: the unit's price with the choices so far. */
export const planPreviewBody = z.strictObject({ unitId: id, ...planChoiceFields });
export const decisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: note(500).default(''),
});
export const planListQuery = z.strictObject({
  projectId: id.optional(),
  customerId: id.optional(),
  unitId: id.optional(),
  status: z.enum(['ready', 'pending_approval', 'rejected']).optional(),
  q: text(40).optional(),
  ...pageQuery(['updatedAt', 'finalTotalFen', 'unitNumber']),
});
export const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export { discountOrders };

const witness = z.strictObject({ username: required(64), password: z.string().min(1).max(128) });
const method = z.enum(['cash', 'card', 'transfer', 'wechat', 'alipay', 'cheque']);
const idempotencyKey = z
  .string()
  .regex(
    /^[\w-]{8,100}$/,
    localizedIssue({ 'zh-CN': '请求编号无效', 'zh-TW': '請求編號無效', en: 'Invalid request key' }),
  );

export const depositCreateBody = z.strictObject({
  unitId: id,
  customerId: id,
  planId: id.nullable().default(null),
  amountFen: positiveFen,
  note: note(200).default(''),
});
export const depositCollectBody = z.strictObject({ method, witness, idempotencyKey });
export const reasonBody = z.strictObject({ reason: requiredNote(200) });
/** SA-19: to whom, and why. */
export const handOverBody = z.strictObject({ toConsultantId: id, reason: requiredNote(200) });
export const depositListQuery = z.strictObject({
  projectId: id.optional(),
  status: z.enum(['requested', 'confirmed', 'collected', 'cancelled', 'voided']).optional(),
  customerId: id.optional(),
  unitId: id.optional(),
  ...pageQuery(['updatedAt']),
});

export const receiptListQuery = z.strictObject({
  projectId: id.optional(),
  status: z.enum(['valid', 'void_requested', 'voided']).optional(),
  purpose: z.enum(['deposit', 'payment']).optional(),
  q: text(40).optional(),
  ...pageQuery(['number', 'issuedAt', 'amountFen']),
});
export const voidDecisionBody = z.strictObject({ decision: z.enum(['approve', 'reject']) });

export const formBatchBody = z
  .strictObject({
    projectId: id,
    prefix: z
      .string()
      .trim()
      .regex(
        /^[A-Z]{0,6}$/,
        localizedIssue({
          'zh-CN': '前缀为 0–6 个大写字母',
          'zh-TW': '前綴為 0–6 個大寫字母',
          en: '0–6 capital letters',
        }),
      ),
    firstSerial: z.number().int().min(1).max(99_999_999),
    lastSerial: z.number().int().min(1).max(99_999_999),
    width: z.number().int().min(3).max(8).default(6),
    note: note(200).default(''),
  })
  .refine((body) => body.lastSerial >= body.firstSerial, {
    path: ['lastSerial'],
    ...localizedIssue({
      'zh-CN': '结束编号不能小于起始编号',
      'zh-TW': '結束編號不能小於起始編號',
      en: 'Must not be below the first number',
    }),
  });
export const formListQuery = z.strictObject({
  projectId: id,
  status: z.enum(['in_stock', 'checked_out', 'used', 'voided']).optional(),
});
export const projectQuery = z.strictObject({ projectId: id });

const idType = z.enum(['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit']);
export const agreementFields = z.strictObject({
  buyers: z
    .array(
      z.strictObject({
        id: id.nullable().default(null),
        name: required(40),
        idType,
        idNumber: agreementIdNumber,
        idCopyFileId: id.nullable().default(null),
        hasIdCopyConsent: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(6),
  signerKind: z.enum(['buyer', 'agent']),
  signerBuyerIndex: z.number().int().min(0).max(5).nullable().default(0),
  agent: z
    .strictObject({
      name: required(40),
      idType,
      idNumber: agreementIdNumber,
      notarialNumber: text(60),
      notarialFileId: id.nullable().default(null),
    })
    .nullable()
    .default(null),
  signedOn: date,
  downPaymentDueOn: date,
  contractDueOn: date,
});
export const agreementCreateBody = z.strictObject({
  planId: id,
  formNumber: required(30),
  input: agreementFields,
});
export const agreementUpdateBody = z.strictObject({ input: agreementFields });
export const abandonBody = z.strictObject({ reason: requiredNote(200) });
export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'return']),
  comment: note(500).default(''),
});
export const agreementListQuery = z.strictObject({
  projectId: id.optional(),
  status: z.enum(['draft', 'submitted', 'returned', 'approved', 'cancelled']).optional(),
  depositId: id.optional(),
  q: text(40).optional(),
  ...pageQuery(['updatedAt', 'formNumber', 'priceFen']),
});

export const fileListQuery = z.strictObject({
  projectId: id.optional(),
  status: z.enum(['open', 'contracted', 'completed', 'cancelled']).optional(),
  depositId: id.optional(),
  q: text(40).optional(),
  ...pageQuery(['openedAt', 'unitNumber', 'priceFen']),
});
export const taskKinds = [
  'down_payment_follow_up',
  'move_in_accompany',
] as const satisfies readonly TaskKind[];
export const taskListQuery = z.strictObject({
  status: z.enum(['open', 'done']).optional(),
  kind: z.enum(taskKinds).optional(),
  q: text(40).optional(),
  ...pageQuery(['dueAt', 'unitNumber', 'customerName']),
});
export const statementBody = z.strictObject({
  payerName: required(40),
  payerIdType: idType,
  payerIdNumber: idNumber,
  amountFen: positiveFen,
});
export const signedStatementBody = z.strictObject({ fileId: id });
export const paymentBody = z.strictObject({
  paymentItemId: id,
  amountFen: positiveFen,
  method,
  payerKind: z.enum(['buyer', 'third_party']),
  payerName: text(40).default(''),
  statementId: id.nullable().default(null),
  witness,
  idempotencyKey,
});
export const contractBody = z.strictObject({ contractNumber: required(40) });
export const checklistBody = z.strictObject({ doneKeys: z.array(z.string().max(40)).max(20) });
export const signContractBody = z.strictObject({ signedOn: date });
export const mortgageBody = z.strictObject({
  bank: required(40),
  place: required(80),
  appointmentAt: dateTime,
  documents: z.array(required(40)).min(1).max(20),
});
export const mortgageOutcomeBody = z.strictObject({
  status: z.enum(['completed', 'failed', 'cancelled']),
  note: note(300).default(''),
  approvedAmountFen: fen.nullable().default(null),
});
export const moveInBody = z.strictObject({
  appointmentAt: dateTime,
  place: required(80),
  propertyOfficeContact: required(40),
  propertyOfficePhone: nfkcText().trim().max(30).default(''),
  congratulationMessage: required(200),
});
export const examBody = z
  .strictObject({
    staffId: id,
    takenOn: date,
    score: z.number().int().min(0).max(1000),
    passMark: z.number().int().min(0).max(1000),
    expiresOn: date,
    note: note(200).default(''),
  })
  .refine((body) => body.expiresOn > body.takenOn, {
    path: ['expiresOn'],
    ...localizedIssue({
      'zh-CN': '有效期须晚于考试日期',
      'zh-TW': '有效期須晚於考試日期',
      en: 'Expiry must be after the exam date',
    }),
  });
export const examListQuery = z.strictObject({ staffId: id.optional(), ...pageQuery(['takenOn']) });
export const designationBody = z.strictObject({
  projectId: id,
  staffId: id,
  duty: z.enum(['deposit_confirm', 'collect', 'agreement_review']),
});
export const uploadQuery = z.strictObject({
  projectId: id,
  kind: z.enum(['id_copy', 'notarised_authorisation', 'signed_statement', 'contract_scan', 'other']),
});
