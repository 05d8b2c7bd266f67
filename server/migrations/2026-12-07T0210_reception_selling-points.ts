import type { Kysely } from 'kysely';

// SA-6: the project's own selling points, kept by its manager and shown at the visit's boards step,
// in the manager's order; a point may be about one layout (户型) or, with layout '', the whole project.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('selling_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('selling_points_project_order')
    .on('selling_points')
    .columns(['project_id', 'sort_order'])
    .unique()
    .execute();
}
