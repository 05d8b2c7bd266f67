import { z } from 'zod';
import type * as contract from '../../../contracts/call-recordings.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { dateTime } from '../../platform/http/fields.js';
import { sortQuery } from '../../platform/http/pagination.js';

const id = z.string().min(1).max(64);

export const recordingInfoSchema = z.object({
  status: z.enum(['available', 'deleted']),
  receivedAt: z.string().nullable(),
  sizeBytes: z.number().nullable(),
  deletedAt: z.string().nullable(),
});

/** The call detail's part about the recording (call-detail.schemas.ts spreads its shape in). */
export const callDetailRecordingSchema = z.object({ recording: recordingInfoSchema.nullable() });

export const recordingPlayFilters = z.strictObject({
  staffId: id.optional(),
  callId: id.optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...sortQuery(['playedAt']),
});

export const recordingPlaySchema = z.object({
  id: z.string(),
  playedAt: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  callId: z.string(),
  callRingingAt: z.string(),
  answeredByName: z.string(),
  deskName: z.string(),
  projectName: z.string(),
});

export type RecordingContractChecks = [
  Check<Agrees<contract.CallDetailRecording, typeof callDetailRecordingSchema>>,
  Check<Agrees<contract.CallRecordingInfo, typeof recordingInfoSchema>>,
  Check<Agrees<contract.RecordingPlay, typeof recordingPlaySchema>>,
];
