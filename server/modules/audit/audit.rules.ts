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

/**
 * The object scope of the records an audit row describes, where they hold personal data
 * (a customer, a deal's parties, a caller). A reader of the log sees such a row's before/after
 * values only with whole-project reach in that scope (scopeRules): the administrator reads that a
 * customer was changed and which fields, never the name or number; the data-protection officer
 * likewise for call-desk records. Rows of other entity types (projects, staff, settings …) show whole.
 */
export const auditEntityScopes: Readonly<Record<string, 'owner' | 'deal' | 'desk' | 'workorder'>> = {
  customer: 'owner',
  customer_import: 'owner',
  follow_up: 'owner',
  visit: 'owner',
  sales_call: 'owner',
  campaign: 'owner',
  notify_delivery: 'owner',
  deal_plan: 'deal',
  deal_deposit: 'deal',
  deal_receipt: 'deal',
  deal_agreement: 'deal',
  deal_transaction_file: 'deal',
  deal_contract: 'deal',
  deal_mortgage: 'deal',
  deal_move_in: 'deal',
  deal_file: 'deal',
  opening_buyer: 'deal',
  opening_buyers: 'deal',
  call: 'desk',
  call_message: 'desk',
  incident: 'desk',
  leader_call: 'desk',
  escalation: 'desk',
  work_order: 'workorder',
  work_order_photo: 'workorder',
};

/** Keeps a payload's shape (which fields changed) and hides every value. */
export function redactAuditPayload(json: string | null): string | null {
  if (json === null) return null;
  const hide = (value: unknown): unknown => {
    if (value === null) return null;
    if (Array.isArray(value)) return value.map(hide);
    if (typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hide(inner)]));
    return '***';
  };
  try {
    return JSON.stringify(hide(JSON.parse(json)));
  } catch {
    return JSON.stringify('***');
  }
}
