import type { AuditPage, AuditVerifyResult } from '../../../contracts/audit';
import { api } from '../../app/api';

export type { AuditEntry, AuditVerifyResult } from '../../../contracts/audit';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  findAuditEntries: (
    query: AuditFilters & { page: number; pageSize: number; order?: 'asc' | 'desc' },
    signal?: AbortSignal,
  ) => api.get<AuditPage>('/audit', { ...query }, signal),
  verifyAuditChain: () => api.post<AuditVerifyResult>('/audit/verify'),
};
