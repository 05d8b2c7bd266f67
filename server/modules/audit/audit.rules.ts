import { createHash } from 'node:crypto';
import type { AuditLogTable } from './audit.tables.js';

export type AuditRowContent = Omit<AuditLogTable, 'hash'>;

/** The hash of a row covers every column and the previous row's hash, so any edit breaks the chain. */
export function hashAuditRow(row: AuditRowContent): string {
  return createHash('sha256')
    .update(`[${row.seq},${canonicalMiddle(row)},${JSON.stringify(row.prevHash)}]`)
    .digest('hex');
}

/**
 * The canonical text hashed is JSON.stringify([seq, at, actorId, actorName, projectId, entityType,
 * entityId, action, beforeJson, afterJson, requestId, prevHash]); this is everything between the
 * seq and the previous hash, so that PostgreSQL can hash a row whose seq and previous hash it
 * reads from the head in the same statement (appendAuditRowPostgres).
 */
export function canonicalMiddle(row: Omit<AuditRowContent, 'seq' | 'prevHash'>): string {
  return JSON.stringify([
    row.at,
    row.actorId,
    row.actorName,
    row.projectId,
    row.entityType,
    row.entityId,
    row.action,
    row.beforeJson,
    row.afterJson,
    row.requestId,
  ]).slice(1, -1);
}

export interface ChainBreak {
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'gap' | 'head_mismatch';
}

/** Checks rows in seq order; `previous` is the hash the first row must point at. */
export function findChainBreak(
  rows: AuditLogTable[],
  previous: { seq: number; hash: string },
): { ok: true; last: { seq: number; hash: string } } | { ok: false; break: ChainBreak } {
  let last = previous;
  for (const row of rows) {
    if (Number(row.seq) !== last.seq + 1) return { ok: false, break: { seq: last.seq + 1, reason: 'gap' } };
    if (row.prevHash !== last.hash)
      return { ok: false, break: { seq: Number(row.seq), reason: 'prev_hash_mismatch' } };
    const { hash, ...content } = row;
    if (hashAuditRow({ ...content, seq: Number(row.seq) }) !== hash)
      return { ok: false, break: { seq: Number(row.seq), reason: 'hash_mismatch' } };
    last = { seq: Number(row.seq), hash };
  }
  return { ok: true, last };
}
