import { createHash } from 'node:crypto';
import type { AuditLogTable } from './audit.tables.js';

export type AuditRowContent = Omit<AuditLogTable, 'hash'>;

/** The hash of a row covers every column and the previous row's hash, so any edit breaks the chain. */
export function hashAuditRow(row: AuditRowContent): string {
  const canonical = JSON.stringify([
    row.seq,
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
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
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
