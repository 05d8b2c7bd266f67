import type * as contract from '../../../../contracts/deals.js';
import type { Agrees, Check } from '../../../platform/http/contract-check.js';
import type { agreementListItemSchema, agreementSchema } from './agreements.responses.js';
import type { collectResultSchema, depositSchema, receiptSchema } from './deposits.responses.js';
import type {
  designationSchema,
  examListItemSchema,
  formReportSchema,
  formSchema,
  projectStaffSchema,
  uploadedFileSchema,
} from './forms.responses.js';
import type { planPreviewSchema, planResultSchema, planSchema } from './plans.responses.js';
import type {
  fileListItemSchema,
  taskListItemSchema,
  transactionFileSchema,
} from './transaction-files.responses.js';

/**
 * The web client reads the deals answers as contracts/deals.ts and contracts/deal-records.ts
 * declare them: each must pass its response schema, with no field the schema would drop.
 */
export type ContractChecks = [
  Check<Agrees<contract.Plan, typeof planSchema>>,
  Check<Agrees<contract.PlanPreview, typeof planPreviewSchema>>,
  Check<Agrees<contract.PlanResult, typeof planResultSchema>>,
  Check<Agrees<contract.Deposit, typeof depositSchema>>,
  Check<Agrees<contract.Receipt, typeof receiptSchema>>,
  Check<Agrees<contract.Receipt, (typeof collectResultSchema)['shape']['receipt']>>,
  Check<Agrees<contract.Agreement, typeof agreementSchema>>,
  Check<Agrees<contract.AgreementListItem, typeof agreementListItemSchema>>,
  Check<Agrees<contract.TransactionFile, typeof transactionFileSchema>>,
  Check<Agrees<contract.FileListItem, typeof fileListItemSchema>>,
  Check<Agrees<contract.MyTask, typeof taskListItemSchema>>,
  Check<Agrees<contract.FormReport, typeof formReportSchema>>,
  Check<Agrees<contract.DealForm, typeof formSchema>>,
  Check<Agrees<contract.Exam, typeof examListItemSchema>>,
  Check<Agrees<contract.Designation, typeof designationSchema>>,
  Check<Agrees<contract.ProjectStaff, typeof projectStaffSchema>>,
  Check<Agrees<contract.UploadedFile, typeof uploadedFileSchema>>,
];
