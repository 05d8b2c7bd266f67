export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

export interface JobsTable {
  id: string;
  kind: string;
  runAt: string;
  payloadJson: string;
  /** Unique while the job counts; a cancelled job keeps its key in cancelledKey so it can be scheduled again. */
  dedupeKey: string | null;
  cancelledKey: string | null;
  status: JobStatus;
  /** Claims so far; also the fencing token of the current lease. */
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface JobTables {
  jobs: JobsTable;
}
