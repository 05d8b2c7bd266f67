import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db/database.js';
import type { AuditLogTable } from './audit.tables.js';

/** Takes the next sequence number; the row lock on the head serialises audited transactions. */
export async function claimNextAuditSeq(trx: Tx): Promise<{ seq: number; prevHash: string }> {
  const head = await trx
    .updateTable('auditHead')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), prevHash: head.hash };
}

/** Appends the row and moves the head's hash to it (SQLite; PostgreSQL uses appendAuditRowPostgres). */
export async function insertAuditRow(trx: Tx, row: AuditLogTable): Promise<void> {
  await trx.insertInto('auditLog').values(row).execute();
  await trx.updateTable('auditHead').set({ hash: row.hash }).where('id', '=', 1).execute();
}

/**
 * The whole append in one statement: lock the head (FOR UPDATE waits for a concurrent append to
 * commit and then reads its result), hash the row with the next seq and the head's hash, insert
 * it and move the head. The hashed text is the one hashAuditRow builds: `middle` is
 * canonicalMiddle(row), made by JavaScript, so both sides hash the same bytes.
 */
export async function appendAuditRowPostgres(
  trx: Tx,
  row: Omit<AuditLogTable, 'seq' | 'prevHash' | 'hash'>,
  middle: string,
): Promise<void> {
  await sql`
    WITH head AS (
      SELECT seq + 1 AS seq, hash AS prev_hash FROM audit_head WHERE id = 1 FOR UPDATE
    ),
    next AS (
      SELECT seq, prev_hash,
        encode(sha256(convert_to('[' || seq || ',' || ${middle}::text || ',' || to_json(prev_hash)::text || ']', 'UTF8')), 'hex') AS hash
      FROM head
    ),
    appended AS (
      INSERT INTO audit_log (seq, at, actor_id, actor_name, project_id, entity_type, entity_id, action,
        before_json, after_json, request_id, prev_hash, hash)
      SELECT seq, ${row.at}, ${row.actorId}, ${row.actorName}, ${row.projectId}, ${row.entityType},
        ${row.entityId}, ${row.action}, ${row.beforeJson}, ${row.afterJson}, ${row.requestId}, prev_hash, hash
      FROM next
    )
    UPDATE audit_head SET seq = next.seq, hash = next.hash FROM next WHERE audit_head.id = 1`.execute(trx);
}

export async function readAuditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('auditHead')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

export async function readAuditBatch(db: Db, afterSeq: number, limit: number): Promise<AuditLogTable[]> {
  const rows = await db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  projectIds?: string[] | null;
  from?: string;
  to?: string;
}

export async function findAuditRows(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
): Promise<{ rows: AuditLogTable[]; total: number }> {
  let query = db.selectFrom('auditLog');
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.actorId) query = query.where('actorId', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.projectIds) {
    const ids = filter.projectIds;
    query = query.where((eb) =>
      ids.length
        ? eb.or([eb('projectId', 'in', ids), eb('projectId', 'is', null)])
        : eb('projectId', 'is', null),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', page.order).offset(page.offset).limit(page.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row) => ({ ...row, seq: Number(row.seq) })), total: Number(count.total) };
}
