import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { findUnitSummaries } from '../inventory/index.js';
import { findStaffNames } from '../staff/index.js';
import type { OpeningBuyersTable, OpeningEventsTable } from './opening.tables.js';

export async function insertEvent(trx: Tx, row: OpeningEventsTable) {
  await trx.insertInto('openingEvents').values(row).execute();
}

export async function updateEventRow(trx: Tx, id: string, changes: Partial<OpeningEventsTable>) {
  await trx.updateTable('openingEvents').set(changes).where('id', '=', id).execute();
}

export async function findEventRow(db: Tx, id: string) {
  return db.selectFrom('openingEvents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEventsOfProject(db: Tx, projectId: string) {
  return db
    .selectFrom('openingEvents')
    .selectAll('openingEvents')
    .select((eb) => [
      eb
        .selectFrom('openingUnits')
        .whereRef('openingUnits.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('unitCount'),
      eb
        .selectFrom('openingBuyers')
        .whereRef('openingBuyers.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('buyerCount'),
      eb
        .selectFrom('openingPicks')
        .whereRef('openingPicks.eventId', '=', 'openingEvents.id')
        .select(eb.fn.countAll<number>().as('c'))
        .as('pickCount'),
    ])
    .where('projectId', '=', projectId)
    .orderBy('startsAt', 'desc')
    .execute();
}

export async function replaceEventUnits(trx: Tx, eventId: string, unitIds: string[]) {
  await trx.deleteFrom('openingUnits').where('eventId', '=', eventId).execute();
  for (let index = 0; index < unitIds.length; index += 500)
    await trx
      .insertInto('openingUnits')
      .values(unitIds.slice(index, index + 500).map((unitId) => ({ eventId, unitId })))
      .execute();
}

export async function findEventUnitIds(db: Tx, eventId: string): Promise<string[]> {
  return (await db.selectFrom('openingUnits').select('unitId').where('eventId', '=', eventId).execute()).map(
    (row) => row.unitId,
  );
}

export async function insertBuyers(trx: Tx, rows: OpeningBuyersTable[]) {
  for (let index = 0; index < rows.length; index += 200)
    await trx
      .insertInto('openingBuyers')
      .values(rows.slice(index, index + 200))
      .execute();
}

export async function findBuyersOfEvent(db: Tx, eventId: string) {
  const rows = await db
    .selectFrom('openingBuyers')
    .selectAll()
    .where('eventId', '=', eventId)
    .orderBy('pledgeNumber')
    .execute();
  const verifiers = await findStaffNames(
    db,
    rows.flatMap((row) => (row.idVerifiedBy ? [row.idVerifiedBy] : [])),
  );
  return rows.map((row) => ({
    ...row,
    idVerifiedByName: row.idVerifiedBy ? (verifiers.get(row.idVerifiedBy) ?? null) : null,
  }));
}

export async function findBuyerRow(db: Tx, id: string) {
  return db.selectFrom('openingBuyers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuyerByPhone(db: Tx, eventId: string, phone: string) {
  return db
    .selectFrom('openingBuyers')
    .selectAll()
    .where('eventId', '=', eventId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

export async function findBuyerBySession(db: Tx, sessionHash: string) {
  return db.selectFrom('openingBuyers').selectAll().where('sessionHash', '=', sessionHash).executeTakeFirst();
}

export async function updateBuyerRow(trx: Tx, id: string, changes: Partial<OpeningBuyersTable>) {
  await trx.updateTable('openingBuyers').set(changes).where('id', '=', id).execute();
}

/** Stores a new code only if no other was sent since `sentAt` was read; false when one was. */
export async function storeBuyerCode(
  trx: Tx,
  id: string,
  sentAt: string | null,
  changes: Pick<
    OpeningBuyersTable,
    'codeHash' | 'codeExpiresAt' | 'codeAttempts' | 'codeSentAt' | 'demoCode'
  >,
): Promise<boolean> {
  const result = await trx
    .updateTable('openingBuyers')
    .set(changes)
    .where('id', '=', id)
    .where((eb) => (sentAt === null ? eb('codeSentAt', 'is', null) : eb('codeSentAt', '=', sentAt)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong code only while the code is still the one being tried. */
export async function countWrongCode(trx: Tx, id: string) {
  await trx
    .updateTable('openingBuyers')
    .set((eb) => ({ codeAttempts: eb('codeAttempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function findPicksOfEvent(db: Tx, eventId: string) {
  const rows = await db
    .selectFrom('openingPicks')
    .innerJoin('openingBuyers', 'openingBuyers.id', 'openingPicks.buyerId')
    .select([
      'openingPicks.id',
      'openingPicks.unitId',
      'openingPicks.buyerId',
      'openingBuyers.name as buyerName',
      'openingBuyers.pledgeNumber',
      'openingPicks.listTotalFen',
      'openingPicks.pickedAt',
    ])
    .where('openingPicks.eventId', '=', eventId)
    .orderBy('openingPicks.pickedAt')
    .execute();
  const units = await findUnitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  return rows.map(({ id, unitId, ...pick }) => ({
    id,
    unitId,
    label: units.get(unitId)?.label ?? '',
    ...pick,
  }));
}

export async function findPicksOfBuyer(db: Tx, buyerId: string) {
  const rows = await db
    .selectFrom('openingPicks')
    .select(['openingPicks.id', 'openingPicks.unitId', 'openingPicks.listTotalFen', 'openingPicks.pickedAt'])
    .where('openingPicks.buyerId', '=', buyerId)
    .orderBy('openingPicks.pickedAt')
    .execute();
  const units = await findUnitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  return rows.map(({ id, unitId, ...pick }) => {
    const unit = units.get(unitId);
    return {
      id,
      unitId,
      label: unit?.label ?? '',
      layout: unit?.layout ?? '',
      buildingAreaDm2: unit?.buildingAreaDm2 ?? 0,
      ...pick,
    };
  });
}

export async function findBuyerBySessionFast(db: Tx, sessionHash: string) {
  const result = await sql<
    Pick<OpeningBuyersTable, 'id' | 'eventId' | 'name' | 'customerId' | 'pickCount' | 'sessionExpiresAt'>
  >`
    SELECT id, event_id, name, customer_id, pick_count, session_expires_at FROM opening_buyers WHERE session_hash = ${sessionHash}`.execute(
    db,
  );
  return result.rows[0];
}

/** Every signed-in buyer of an event, for the session map (see resolveBuyer). */
export async function findSignedInBuyers(db: Tx, eventId: string) {
  const result = await sql<
    Pick<
      OpeningBuyersTable,
      'id' | 'eventId' | 'name' | 'customerId' | 'pickCount' | 'sessionHash' | 'sessionExpiresAt'
    >
  >`
    SELECT id, event_id, name, customer_id, pick_count, session_hash, session_expires_at
    FROM opening_buyers WHERE event_id = ${eventId} AND session_hash IS NOT NULL`.execute(db);
  return result.rows;
}
