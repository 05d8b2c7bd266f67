import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../platform/db/dialect.js';
import { bigramTokens, normaliseSearchText } from '../platform/text/bigrams.js';

// The work-order list's search box read `LIKE '%…%'` over five columns of every order of the
// project (0.6–1.1 s on 400,000, bench:property). Each order now carries its searched fields
// normalised (search_text, for the exact substring test) and their bigram tokens (search_bigrams),
// indexed without any database extension: on SQLite an FTS5 table over the column (external
// content, kept in step by triggers, so every insert or update of the order updates the index in
// the same transaction), on PostgreSQL a GIN index on its 'simple' tsvector. Existing orders are
// filled here.
export async function up(migrationDb: Kysely<any>): Promise<void> {
  const db = migrationDb.withoutPlugins();
  await db.schema
    .alterTable('work_orders')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('work_orders')
    .addColumn('search_bigrams', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('work_orders')
      .select([
        'id',
        'number',
        'caller_name',
        'caller_phone',
        'building_text',
        'door_text',
        'unit_text',
        'description',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields = workOrderSearchFields(row);
      await db
        .updateTable('work_orders')
        .set({ search_text: fields.searchText, search_bigrams: fields.searchBigrams })
        .where('id', '=', row.id)
        .execute();
    }
    after = rows[rows.length - 1]!.id;
  }

  if (isPostgres(db)) {
    await sql`create index work_orders_search_idx on work_orders using gin (to_tsvector('simple', search_bigrams))`.execute(
      db,
    );
    return;
  }
  // unicode61 without diacritics folding: the tokens are normalised already, and "é" stays "é".
  // prefix='1': a one-character search ("水", every token starting with it) reads one list, not
  // the lists of all the bigrams it begins (~200 ms on 1,000,000 orders).
  await sql`create virtual table work_orders_search using fts5(search_bigrams, content='work_orders', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0', prefix='1')`.execute(
    db,
  );
  await sql`insert into work_orders_search (work_orders_search) values ('rebuild')`.execute(db);
  await sql`create trigger work_orders_search_insert after insert on work_orders begin
    insert into work_orders_search (rowid, search_bigrams) values (new.rowid, new.search_bigrams);
  end`.execute(db);
  await sql`create trigger work_orders_search_delete after delete on work_orders begin
    insert into work_orders_search (work_orders_search, rowid, search_bigrams) values ('delete', old.rowid, old.search_bigrams);
  end`.execute(db);
  await sql`create trigger work_orders_search_update after update of search_bigrams on work_orders begin
    insert into work_orders_search (work_orders_search, rowid, search_bigrams) values ('delete', old.rowid, old.search_bigrams);
    insert into work_orders_search (rowid, search_bigrams) values (new.rowid, new.search_bigrams);
  end`.execute(db);
}

interface SearchedRow {
  number: string;
  caller_name: string;
  caller_phone: string;
  building_text: string;
  door_text: string;
  unit_text: string;
  description: string;
}

// The searched fields as workorders.search.ts writes them on the day of this migration. A copy, not
// an import: a migration stays what it was when it ran, and importing the module here loaded its
// whole graph (and the notification sources it registers) into every test that migrates a database.
function workOrderSearchFields(order: SearchedRow) {
  const location = [order.building_text, order.door_text, order.unit_text].filter(Boolean).join(' ');
  const fields = [order.number, order.caller_name, order.caller_phone, location, order.description].map(
    normaliseSearchText,
  );
  return {
    searchText: fields.join('\n'),
    searchBigrams: fields.map(bigramTokens).filter(Boolean).join(' '),
  };
}
