export { type AuditEntry, verifyAuditChain, writeAudit } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
