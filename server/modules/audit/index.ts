export { auditAppendCtes, type CompanyMembers } from './audit.queries.js';
export { auditRoutes } from './audit.routes.js';
export { type AuditEntry, findAuditEntries, verifyAuditChain, writeAudit } from './audit.service.js';
export type { AuditTables } from './audit.tables.js';
