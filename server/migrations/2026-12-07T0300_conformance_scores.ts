import type { Kysely } from 'kysely';

// CONF: a score per subject (call, visit, deal…), a daily rollup the scorecards read, the
// rulebooks that scored them and the incremental scoring's cursor per source.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conformance_scores')
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('rulebook_version', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull())
    .addColumn('missed', 'integer', (c) => c.notNull())
    .addColumn('not_applicable', 'integer', (c) => c.notNull())
    .addColumn('pending', 'integer', (c) => c.notNull())
    .addColumn('recheck_at', 'text')
    .addColumn('outcome_hash', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conformance_scores_pk', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('conformance_scores_company_day')
    .on('conformance_scores')
    .columns(['company_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conformance_scores_project_day')
    .on('conformance_scores')
    .columns(['project_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conformance_scores_staff_day')
    .on('conformance_scores')
    .columns(['staff_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conformance_scores_desk_day')
    .on('conformance_scores')
    .columns(['desk_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conformance_scores_recheck')
    .on('conformance_scores')
    .column('recheck_at')
    .where('recheck_at', 'is not', null)
    .execute();

  await db.schema
    .createTable('conformance_daily')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('desk_id', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('met', 'integer', (c) => c.notNull())
    .addColumn('missed', 'integer', (c) => c.notNull())
    .addColumn('not_applicable', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('conformance_daily_pk', [
      'day',
      'project_id',
      'desk_id',
      'staff_id',
      'subject_kind',
      'check_id',
    ])
    .execute();
  await db.schema
    .createIndex('conformance_daily_company_day')
    .on('conformance_daily')
    .columns(['company_id', 'day'])
    .execute();
  await db.schema
    .createIndex('conformance_daily_staff_day')
    .on('conformance_daily')
    .columns(['staff_id', 'day'])
    .execute();

  await db.schema
    .createTable('conformance_rulebooks')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('first_used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conformance_cursors')
    .addColumn('source_kind', 'text', (c) => c.primaryKey())
    .addColumn('last_run_at', 'text', (c) => c.notNull())
    .execute();
}
