import type { Actor } from '../../platform/auth/actor.js';
import { Visibility, visibility } from '../../platform/auth/scope.js';
import { type Db, isPostgres, type Tx } from '../../platform/db/database.js';
import {
  type AuditFilter,
  appendAuditRowPostgres,
  type CompanyMembers,
  claimNextAuditSeq,
  findAuditRows,
  insertAuditRow,
  readAuditBatch,
  readAuditHead,
} from './audit.queries.js';
import {
  auditEntityScopes,
  type ChainBreak,
  findChainBreak,
  hashAuditRow,
  redactAuditPayload,
} from './audit.rules.js';

export interface AuditEntry {
  actor: Actor;
  entityType: string;
  entityId: string;
  action: string;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to now; pass the use case's own `now` so the audit time equals the change's time. */
  at?: Date;
}

/**
 * Appends one row to the audit chain. Call it inside the transaction that makes the change, as
 * its last statement, so the head row is locked for as short a time as possible.
 */
export async function writeAudit(trx: Tx, entry: AuditEntry): Promise<void> {
  const content = {
    at: (entry.at ?? new Date()).toISOString(),
    actorId: entry.actor.staffId === 'system' ? null : entry.actor.staffId,
    actorName: entry.actor.displayName,
    projectId: entry.projectId ?? null,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    beforeJson: entry.before === undefined ? null : JSON.stringify(entry.before),
    afterJson: entry.after === undefined ? null : JSON.stringify(entry.after),
    requestId: entry.actor.requestId ?? null,
  };
  // PostgreSQL: one round trip, the database hashing the row against the head it locks.
  if (isPostgres(trx)) return appendAuditRowPostgres(trx, content);
  const { seq, prevHash } = await claimNextAuditSeq(trx);
  const row = { seq, ...content, prevHash };
  await insertAuditRow(trx, { ...row, hash: hashAuditRow(row) });
}

export interface AuditVerification {
  ok: boolean;
  checkedRows: number;
  headSeq: number;
  firstBreak: ChainBreak | null;
}

/** Walks the whole chain in batches and compares its end with the head row. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  const head = await readAuditHead(db);
  let last = { seq: 0, hash: 'genesis' };
  let checkedRows = 0;
  for (;;) {
    const rows = await readAuditBatch(db, last.seq, batchSize);
    if (rows.length === 0) break;
    const result = findChainBreak(rows, last);
    if (!result.ok) return { ok: false, checkedRows, headSeq: head.seq, firstBreak: result.break };
    checkedRows += rows.length;
    last = result.last;
  }
  if (last.seq !== head.seq || last.hash !== head.hash)
    return {
      ok: false,
      checkedRows,
      headSeq: head.seq,
      firstBreak: { seq: last.seq + 1, reason: 'head_mismatch' },
    };
  return { ok: true, checkedRows, headSeq: head.seq, firstBreak: null };
}

/**
 * The audit log as its readers see it: the rows of their company, of the projects they read it
 * for (company scope: the administrator, the data-protection officer, a project's manager).
 */
export async function findAuditLog(
  db: Db,
  actor: Actor,
  filter: AuditFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
  members: CompanyMembers,
) {
  const visible = visibility(actor, 'company').condition({ projectId: 'auditLog.projectId' });
  const result = await findAuditRows(db, filter, page, { companyId: actor.companyId, visible, members });
  // Personal data inside a row's values follows the scope of the record it describes (PRIV).
  const reach = {
    owner: new Visibility(actor, 'owner'),
    deal: new Visibility(actor, 'deal'),
    desk: new Visibility(actor, 'desk'),
    workorder: new Visibility(actor, 'workorder'),
  };
  const rows = result.rows.map((row) => {
    const kind = auditEntityScopes[row.entityType];
    if (!kind) return row;
    const scope = reach[kind];
    const reaches = scope.reachesIn(row.projectId);
    // A desk-scope row does not say its desk's kind: whole only to those who reach every kind.
    const whole =
      scope.unrestricted ||
      reaches.has('project') ||
      (kind === 'desk' && reaches.has('desk:service_centre') && reaches.has('desk:security_post'));
    if (whole) return row;
    return {
      ...row,
      beforeJson: redactAuditPayload(row.beforeJson),
      afterJson: redactAuditPayload(row.afterJson),
    };
  });
  return { ...result, rows };
}

/** One entity's history, for a use case that has already checked its caller may see the entity. */
export function findAuditEntries(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  return findAuditRows(db, filter, page);
}
