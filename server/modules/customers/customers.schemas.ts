import type * as contract from '../../../contracts/customers.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import type {
  campaignSchema,
  campaignSendResultSchema,
  recipientPreviewSchema,
  sendLogSchema,
} from './schemas/campaigns.schemas.js';
import type {
  customerCreateBody,
  customerSchema,
  phoneCheckResult,
  registerResult,
  timelineSchema,
} from './schemas/customers.schemas.js';
import type { bookSchema, followUpSchema } from './schemas/follow-ups.schemas.js';
import type { importPreviewSchema, importProblemSchema, importSchema } from './schemas/imports.schemas.js';
import type { conflictSchema, sourceChannelSchema } from './schemas/ownership.schemas.js';

// The module's zod schemas, one file per aggregate; routes import this as one namespace.
export * from './schemas/campaigns.schemas.js';
export * from './schemas/customers.schemas.js';
export * from './schemas/follow-ups.schemas.js';
export * from './schemas/imports.schemas.js';
export * from './schemas/ownership.schemas.js';
export * from './schemas/personal-data.schemas.js';

// These answers are the shared contract (contracts/customers.ts): see platform/http/contract-check.ts.
export type ContractChecks = [
  Check<Agrees<contract.CustomerView, typeof customerSchema>>,
  Check<Agrees<contract.RegisterResult, typeof registerResult>>,
  Check<Agrees<contract.PhoneCheck, typeof phoneCheckResult>>,
  Check<Agrees<contract.FollowUpView, typeof followUpSchema>>,
  Check<Agrees<contract.BookView, typeof bookSchema>>,
  Check<Agrees<contract.TimelineItem, (typeof timelineSchema)['shape']['items']['element']>>,
  Check<Agrees<contract.SourceChannelView, typeof sourceChannelSchema>>,
  Check<Agrees<contract.ConflictView, typeof conflictSchema>>,
  Check<Agrees<contract.CampaignView, typeof campaignSchema>>,
  Check<Agrees<contract.CampaignSendResult, typeof campaignSendResultSchema>>,
  Check<Agrees<contract.CampaignRecipient, typeof recipientPreviewSchema>>,
  Check<Agrees<contract.SendLogItem, typeof sendLogSchema>>,
  Check<Agrees<contract.ImportPreview, typeof importPreviewSchema>>,
  Check<Agrees<contract.ImportJob, typeof importSchema>>,
  Check<Agrees<contract.ImportProblem, typeof importProblemSchema>>,
  Check<Agrees<Required<contract.CustomerInput> & { projectId: string }, typeof customerCreateBody>>,
];
