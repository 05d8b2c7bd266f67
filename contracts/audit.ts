/**
 * The audit log's answers as both sides see them: the server's response schemas
 * (server/modules/audit/audit.routes.ts) are checked against these at compile time, and the web
 * client (web/modules/audit/audit.api.ts) reads them.
 */

export interface AuditEntry {
  seq: number;
  /** ISO instant, UTC. */
  at: string;
  actorId: string | null;
  actorName: string;
  projectId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditVerifyResult {
  ok: boolean;
  checkedRows: number;
  headSeq: number;
  firstBreak: { seq: number; reason: string } | null;
}
