import { api, type PageResult } from '../../app/api';

export interface AuditEntry {
  seq: number;
  /** ISO instant, UTC. */
  at: string;
  actorId: string | null;
  actorName: string | null;
  projectId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checkedRows: number;
  headSeq: number | null;
  firstBreak: { seq: number; reason: string } | null;
}

export const auditApi = {
  findAuditEntries: (
    query: AuditFilters & { page: number; pageSize: number; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<PageResult<AuditEntry>>('/audit', { ...query }, signal),
  verifyAuditChain: () => api.post<AuditVerifyResult>('/audit/verify'),
};
