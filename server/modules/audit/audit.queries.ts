import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DB, Db, Tx } from '../../platform/db/database.js';
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
 * The whole append in one statement (PostgreSQL): see auditAppendCtes.
 */
export async function appendAuditRowPostgres(
  trx: Tx,
  row: Omit<AuditLogTable, 'seq' | 'prevHash' | 'hash'>,
): Promise<void> {
  const source = sql`SELECT ${row.at}::text AS at, ${row.actorId}::text AS actor_id,
    ${row.actorName}::text AS actor_name, ${row.projectId}::text AS project_id,
    ${row.entityType}::text AS entity_type, ${row.entityId}::text AS entity_id, ${row.action}::text AS action,
    ${row.beforeJson}::text AS before_json, ${row.afterJson}::text AS after_json,
    ${row.requestId}::text AS request_id`;
  await sql`WITH ${auditAppendCtes(source)} SELECT 1`.execute(trx);
}

/** JSON text of a column, as JSON.stringify writes it (to_json escapes strings alike; NULL is null). */
function jsonOf(column: string) {
  return `coalesce(to_json(${column})::text, 'null')`;
}

/**
 * PostgreSQL: CTEs that append the row `source` yields (none: nothing is appended) to the audit
 * chain, inside whatever statement they are part of. The head is locked FOR UPDATE (a concurrent
 * append commits first, and its result is read), the row is hashed by the database over the same
 * canonical text hashAuditRow builds (JSON of seq, the columns and the previous hash: to_json
 * escapes as JSON.stringify does, which a test proves with awkward text), inserted, and the head
 * moved. The source's columns: at, actor_id, actor_name, project_id, entity_type, entity_id,
 * action, before_json, after_json, request_id.
 */
export function auditAppendCtes(source: RawBuilder<unknown>): RawBuilder<unknown> {
  const canonical = [
    "'[' || head.seq",
    ...[
      'at',
      'actor_id',
      'actor_name',
      'project_id',
      'entity_type',
      'entity_id',
      'action',
      'before_json',
      'after_json',
      'request_id',
    ].map((column) => jsonOf(`source.${column}`)),
    `${jsonOf('head.prev_hash')} || ']'`,
  ].join(" || ',' || ");
  return sql`audit_source AS MATERIALIZED (${source}),
    audit_locked AS (
      SELECT seq + 1 AS seq, hash AS prev_hash FROM audit_head
      WHERE id = 1 AND EXISTS (SELECT 1 FROM audit_source) FOR UPDATE
    ),
    audit_next AS MATERIALIZED (
      SELECT head.seq, head.prev_hash, source.*,
        encode(sha256(convert_to(${sql.raw(canonical)}, 'UTF8')), 'hex') AS hash
      FROM audit_locked AS head CROSS JOIN audit_source AS source
    ),
    audit_appended AS (
      INSERT INTO audit_log (seq, at, actor_id, actor_name, project_id, entity_type, entity_id, action,
        before_json, after_json, request_id, prev_hash, hash)
      SELECT seq, at, actor_id, actor_name, project_id, entity_type, entity_id, action,
        before_json, after_json, request_id, prev_hash, hash
      FROM audit_next
    ),
    audit_moved AS (
      UPDATE audit_head SET seq = audit_next.seq, hash = audit_next.hash FROM audit_next WHERE audit_head.id = 1
    )`;
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
  from?: string;
  to?: string;
}

/**
 * Which rows a reader sees: the chain is one for every company, so a row belongs to the company of
 * its project, or (a company-level change: staff, settings, departments) of the person who acted.
 * `visible` narrows the project rows to the reader's projects.
 */
export interface AuditReader {
  companyId: string;
  visible: Expression<SqlBool>;
  /** The company's projects and staff, as the org and staff modules select them. */
  members: CompanyMembers;
}

/**
 * Subqueries of a company's project ids and staff ids. The org and staff modules write audit rows,
 * so audit cannot import them: the app passes their queries in where it registers the routes.
 */
export interface CompanyMembers {
  projectIds: (db: Tx, companyId: string) => SelectQueryBuilder<DB, keyof DB, { id: string }>;
  staffIds: (db: Tx, companyId: string) => SelectQueryBuilder<DB, keyof DB, { id: string }>;
}

/** Audit rows by filter; `reader` keeps those its reader may see (none: the caller already checked the entity). */
export async function findAuditRows(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number; order: 'asc' | 'desc' },
  reader?: AuditReader,
): Promise<{ rows: AuditLogTable[]; total: number }> {
  let query = db.selectFrom('auditLog');
  if (reader)
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('auditLog.projectId', 'in', reader.members.projectIds(db, reader.companyId)),
          reader.visible,
        ]),
        eb.and([
          eb('auditLog.projectId', 'is', null),
          eb('auditLog.actorId', 'in', reader.members.staffIds(db, reader.companyId)),
        ]),
      ]),
    );
  if (filter.entityType) query = query.where('entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('entityId', '=', filter.entityId);
  if (filter.actorId) query = query.where('actorId', '=', filter.actorId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', page.order).offset(page.offset).limit(page.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row) => ({ ...row, seq: Number(row.seq) })), total: Number(count.total) };
}
