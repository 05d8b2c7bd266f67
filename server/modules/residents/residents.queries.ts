import type { Expression, SqlBool } from 'kysely';
import type { ResidentRole } from '../../../contracts/residents.js';
import type { Tx } from '../../platform/db/database.js';
import { pagedQuery } from '../../platform/db/paged.js';
import { escapeLike } from '../../platform/text/pinyin.js';
import type { ResidentImportsTable, ResidentPhonesTable, ResidentsTable } from './residents.tables.js';

export async function insertResident(db: Tx, row: ResidentsTable) {
  await db.insertInto('residents').values(row).execute();
}

export async function updateResident(db: Tx, id: string, changes: Partial<ResidentsTable>) {
  await db.updateTable('residents').set(changes).where('id', '=', id).execute();
}

export async function findResidentRow(db: Tx, id: string) {
  return db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Replaces a resident's phones with these, in this order. */
export async function replacePhones(
  db: Tx,
  resident: ResidentsTable,
  phones: Array<{ e164: string; tail4: string }>,
) {
  await db.deleteFrom('residentPhones').where('residentId', '=', resident.id).execute();
  if (phones.length === 0) return;
  const rows: ResidentPhonesTable[] = phones.map((phone, index) => ({
    id: `${resident.id}:${index}`,
    residentId: resident.id,
    companyId: resident.companyId,
    projectId: resident.projectId,
    phoneE164: phone.e164,
    phoneTail4: phone.tail4,
    sortOrder: index,
  }));
  await db.insertInto('residentPhones').values(rows).execute();
}

export async function findPhonesOf(db: Tx, residentIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (let index = 0; index < residentIds.length; index += 500) {
    const rows = await db
      .selectFrom('residentPhones')
      .select(['residentId', 'phoneE164'])
      .where('residentId', 'in', residentIds.slice(index, index + 500))
      .orderBy('sortOrder')
      .execute();
    for (const row of rows)
      result.set(row.residentId, [...(result.get(row.residentId) ?? []), row.phoneE164]);
  }
  return result;
}

export type ResidentSort = 'place' | 'name' | 'moveInOn' | 'updatedAt';

export interface ResidentFilter {
  visible: Expression<SqlBool>;
  projectId?: string;
  role?: ResidentRole;
  /** Name, pinyin or its initials, a room, or four or more digits of a phone. */
  search?: string;
  buildingName?: string;
  includeMovedOut: boolean;
  today: string;
}

export async function findResidentPage(
  db: Tx,
  filter: ResidentFilter,
  page: { sort: ResidentSort; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  let base = db.selectFrom('residents').where(filter.visible);
  if (filter.projectId) base = base.where('residents.projectId', '=', filter.projectId);
  if (filter.role) base = base.where('residents.role', '=', filter.role);
  if (filter.buildingName) base = base.where('residents.buildingName', '=', filter.buildingName);
  if (!filter.includeMovedOut)
    base = base.where((eb) =>
      eb.or([eb('residents.moveOutOn', 'is', null), eb('residents.moveOutOn', '>', filter.today)]),
    );
  const search = filter.search?.normalize('NFKC').trim();
  if (search) {
    const like = `%${escapeLike(search)}%`;
    const digits = search.replace(/\D/g, '');
    const latin = /^[a-z]+$/i.test(search) ? search.toLowerCase() : '';
    base = base.where((eb) => {
      const terms = [
        eb('residents.name', 'like', like),
        eb('residents.room', 'like', like),
        eb('residents.locationText', 'like', like),
      ];
      if (latin) {
        terms.push(eb('residents.nameInitials', 'like', `${escapeLike(latin)}%`));
        terms.push(eb('residents.namePinyin', 'like', `${escapeLike(latin)}%`));
      }
      if (digits.length >= 4)
        terms.push(
          eb(
            'residents.id',
            'in',
            eb
              .selectFrom('residentPhones')
              .select('residentPhones.residentId')
              .where('residentPhones.phoneE164', 'like', `%${digits}%`),
          ),
        );
      return eb.or(terms);
    });
  }
  const direction = page.order;
  return pagedQuery(
    base,
    (query) => {
      const selected = query.selectAll('residents');
      switch (page.sort) {
        case 'name':
          return selected.orderBy('residents.namePinyin', direction).orderBy('residents.id');
        case 'moveInOn':
          return selected.orderBy('residents.moveInOn', direction).orderBy('residents.id');
        case 'updatedAt':
          return selected.orderBy('residents.updatedAt', direction).orderBy('residents.id');
        case 'place':
          return selected
            .orderBy('residents.buildingName', direction)
            .orderBy('residents.doorName', direction)
            .orderBy('residents.room', direction)
            .orderBy('residents.role')
            .orderBy('residents.id');
      }
    },
    page,
  );
}

/** The residents who gave this number, in the company's projects, not moved out by `today`; newest first. */
export async function findResidentsByPhone(
  db: Tx,
  options: { companyId: string; phoneE164: string; today: string; limit: number },
) {
  return db
    .selectFrom('residentPhones')
    .innerJoin('residents', 'residents.id', 'residentPhones.residentId')
    .selectAll('residents')
    .where('residentPhones.companyId', '=', options.companyId)
    .where('residentPhones.phoneE164', '=', options.phoneE164)
    .where((eb) =>
      eb.or([eb('residents.moveOutOn', 'is', null), eb('residents.moveOutOn', '>', options.today)]),
    )
    .orderBy('residents.updatedAt', 'desc')
    .limit(options.limit)
    .execute();
}

/** CS-4: residents of the projects by building, door and name (pinyin, initials) or room. */
export async function findResidentsForLookup(
  db: Tx,
  options: {
    visible: Expression<SqlBool>;
    q: string;
    buildingId?: string;
    doorId?: string;
    today: string;
    limit: number;
  },
) {
  const text = options.q.normalize('NFKC').trim();
  const like = `%${escapeLike(text)}%`;
  const latin = /^[a-z]+$/i.test(text) ? text.toLowerCase() : '';
  let query = db
    .selectFrom('residents')
    .selectAll()
    .where(options.visible)
    .where((eb) => eb.or([eb('moveOutOn', 'is', null), eb('moveOutOn', '>', options.today)]));
  if (options.buildingId) query = query.where('buildingId', '=', options.buildingId);
  if (options.doorId) query = query.where('doorId', '=', options.doorId);
  query = query.where((eb) => {
    const terms = [eb('name', 'like', like), eb('room', 'like', like), eb('locationText', 'like', like)];
    if (latin) {
      terms.push(eb('nameInitials', 'like', `${escapeLike(latin)}%`));
      terms.push(eb('namePinyin', 'like', `${escapeLike(latin)}%`));
    }
    return eb.or(terms);
  });
  return query.orderBy('buildingName').orderBy('doorName').orderBy('room').limit(options.limit).execute();
}

/** Everyone registered at one place of a project (moved out or not), to update rather than duplicate. */
export async function findResidentsAtPlace(db: Tx, projectId: string, placeKey: string) {
  return db
    .selectFrom('residents')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('placeKey', '=', placeKey)
    .execute();
}

export async function findResidentsAtPlaces(db: Tx, projectId: string, placeKeys: string[]) {
  const rows: ResidentsTable[] = [];
  const unique = [...new Set(placeKeys)].filter(Boolean);
  for (let index = 0; index < unique.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('residents')
        .selectAll()
        .where('projectId', '=', projectId)
        .where('placeKey', 'in', unique.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

/** Owners (not moved out) who came from these customers, with their consent. */
export async function findOwnersOfCustomers(db: Tx, companyId: string, customerIds: string[]) {
  const rows: Array<Pick<ResidentsTable, 'customerId' | 'consentsAfterSales' | 'consentsAnnouncements'>> = [];
  for (let index = 0; index < customerIds.length; index += 500)
    rows.push(
      ...(await db
        .selectFrom('residents')
        .select(['customerId', 'consentsAfterSales', 'consentsAnnouncements'])
        .where('companyId', '=', companyId)
        .where('role', '=', 'owner')
        .where('customerId', 'in', customerIds.slice(index, index + 500))
        .execute()),
    );
  return rows;
}

export async function findResidentOfCustomerAtUnit(
  db: Tx,
  customerId: string,
  projectId: string,
  placeKey: string,
) {
  return db
    .selectFrom('residents')
    .selectAll()
    .where('projectId', '=', projectId)
    .where('placeKey', '=', placeKey)
    .where('customerId', '=', customerId)
    .executeTakeFirst();
}

export async function insertImport(db: Tx, row: ResidentImportsTable) {
  await db.insertInto('residentImports').values(row).execute();
}

export async function findImportRow(db: Tx, id: string) {
  return db.selectFrom('residentImports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImport(db: Tx, id: string, changes: Partial<ResidentImportsTable>) {
  await db.updateTable('residentImports').set(changes).where('id', '=', id).execute();
}

/** Moves an import from one status to another; false when it was not in `from` (a lost race). */
export async function updateImportIf(
  db: Tx,
  id: string,
  from: ResidentImportsTable['status'],
  changes: Partial<ResidentImportsTable>,
) {
  const result = await db
    .updateTable('residentImports')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findImportPage(
  db: Tx,
  visible: Expression<SqlBool>,
  projectId: string,
  offset: number,
  limit: number,
) {
  return pagedQuery(
    db.selectFrom('residentImports').where(visible).where('residentImports.projectId', '=', projectId),
    (query) =>
      query
        .select([
          'id',
          'companyId',
          'projectId',
          'fileName',
          'status',
          'totalRows',
          'validRows',
          'processedRows',
          'createdRows',
          'updatedRows',
          'isCancelRequested',
          'problemsJson',
          'skippedSheetsJson',
          'createdAt',
          'finishedAt',
        ])
        .orderBy('createdAt', 'desc')
        .orderBy('id'),
    { offset, limit },
  );
}
