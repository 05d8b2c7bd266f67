export interface AuditLogTable {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  projectId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditTables {
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
}
