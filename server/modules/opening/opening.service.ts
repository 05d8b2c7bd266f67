import { randomBytes } from 'node:crypto';
import type { Localized } from '../../../contracts/locales.js';
import {
  checkResidentId,
  normaliseResidentId,
  residentIdProblemText,
  shanghaiToday,
} from '../../../contracts/resident-id.js';
import type { Actor } from '../../platform/auth/actor.js';
import { hasAnyRole, systemActor } from '../../platform/auth/actor.js';
import { rememberHashes } from '../../platform/auth/presented-tokens.js';
import { visibility } from '../../platform/auth/scope.js';
import { isUniqueViolation } from '../../platform/db/constraints.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import {
  AppError,
  commonErrors,
  type ErrorDefinition,
  type ErrorParams,
  localized,
} from '../../platform/errors.js';
import { publishLive } from '../../platform/live/index.js';
import { maskIdNumber, maskPhone } from '../../platform/privacy/mask.js';
import { writeAudit } from '../audit/index.js';
import { isChannelEnabled, notify } from '../notify/index.js';
import { getProjectById } from '../org/index.js';
import { getSetting } from '../settings/index.js';
import { openingErrors } from './opening.errors.js';
import { pickBatcherFor } from './opening.picks.js';
import * as queries from './opening.queries.js';
import {
  type CodePolicy,
  eventPhase,
  hashCode,
  maskName,
  newCode,
  normaliseMobile,
  sameHash,
  secondsUntilResend,
  sha256,
} from './opening.rules.js';
import type { OpeningBuyersTable, OpeningEventsTable } from './opening.tables.js';

const eventEntity = localized('开盘活动', '開盤活動', 'Opening event');
const buyerEntity = localized('认筹客户', '認籌客戶', 'Registered buyer');
const projectEntity = localized('项目', '項目', 'Project');

/** Who runs an opening: the project's controller and manager (not the administrator: sales is not their job). */
function isControl(actor: Actor, projectId: string): boolean {
  return hasAnyRole(actor, ['controller', 'manager'], projectId);
}

/**
 * The project scope for the staff console: an opening and its buyers exist only for the members
 * of its project; everyone else (another project, another company) gets NOT_FOUND, naming `entity`.
 */
async function assertProjectMember(db: Tx, actor: Actor, projectId: string, entity: Localized) {
  let companyId: string;
  try {
    companyId = (await getProjectById(db, actor, projectId)).companyId;
  } catch (error) {
    if (error instanceof AppError) throw new AppError(commonErrors.NOT_FOUND, { entity });
    throw error;
  }
  visibility(actor, 'project').assertSees({ companyId, projectId }, entity);
}

async function getEventForStaff(
  db: Tx,
  actor: Actor,
  eventId: string,
  options: { manage?: boolean; entity?: Localized } = {},
) {
  const event = await queries.findEventRow(db, eventId);
  if (!event) throw new AppError(commonErrors.NOT_FOUND, { entity: options.entity ?? eventEntity });
  await assertProjectMember(db, actor, event.projectId, options.entity ?? eventEntity);
  if (options.manage && !isControl(actor, event.projectId)) throw new AppError(commonErrors.FORBIDDEN);
  return event;
}

// --- in-process caches: reads only, never the decision ---

interface EventSnapshot {
  event: OpeningEventsTable;
  companyId: string;
  offered: Set<string>;
  loadedAt: number;
}
const eventCache = new Map<string, EventSnapshot>();
const eventCacheMs = 2_000;

const eventLoads = new Map<string, Promise<EventSnapshot>>();

/**
 * Event and its offered units, cached for 2 s per process (edits are refused once it starts).
 * Requests arriving while it reloads share the one load instead of each running it.
 */
async function eventSnapshot(db: Db, eventId: string): Promise<EventSnapshot> {
  const cached = eventCache.get(eventId);
  if (cached && Date.now() - cached.loadedAt < eventCacheMs) return cached;
  let pending = eventLoads.get(eventId);
  if (!pending) {
    pending = (async () => {
      const event = await queries.findEventRow(db, eventId);
      if (!event) throw new AppError(commonErrors.NOT_FOUND, { entity: eventEntity });
      const project = await db
        .selectFrom('projects')
        .select('companyId')
        .where('id', '=', event.projectId)
        .executeTakeFirstOrThrow();
      const snapshot = {
        event,
        companyId: project.companyId,
        offered: new Set(await queries.findEventUnitIds(db, eventId)),
        loadedAt: Date.now(),
      };
      eventCache.set(eventId, snapshot);
      return snapshot;
    })().finally(() => eventLoads.delete(eventId));
    eventLoads.set(eventId, pending);
  }
  return pending;
}

function forgetEvent(eventId: string) {
  eventCache.delete(eventId);
  availabilityCache.delete(eventId);
  eventSessions.delete(eventId);
}

// --- staff: events ---

export interface EventInput {
  name: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  unitIds: string[];
}

function assertWindow(input: EventInput) {
  if (input.endsAt <= input.startsAt)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      { endsAt: localized('结束时间须晚于开始时间', '結束時間須晚於開始時間', 'Must be after the start') },
    );
}

async function assertOfferable(
  db: Tx,
  projectId: string,
  unitIds: string[],
  eventId: string | null,
  now: Date,
) {
  const unique = [...new Set(unitIds)];
  const rows = await queries.findUnitsForOffer(db, projectId, unique);
  const nowIso = now.toISOString();
  const fine = rows.filter(
    (row) =>
      row.status === 'for_sale' ||
      (row.status === 'held' && row.holdExpiresAt !== null && row.holdExpiresAt <= nowIso),
  );
  const bad = unique.length - fine.length;
  if (bad > 0 && eventId === null) throw new AppError(openingErrors.UNITS_NOT_OFFERABLE, { count: bad });
  return unique;
}

export async function createOpeningEvent(
  db: Db,
  options: { actor: Actor; projectId: string; input: EventInput; now: Date },
) {
  const { actor, projectId, input, now } = options;
  await assertProjectMember(db, actor, projectId, projectEntity);
  if (!isControl(actor, projectId)) throw new AppError(commonErrors.FORBIDDEN);
  assertWindow(input);
  return db.transaction().execute(async (trx) => {
    const unitIds = await assertOfferable(trx, projectId, input.unitIds, null, now);
    const row: OpeningEventsTable = {
      id: newId(),
      projectId,
      name: input.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perBuyerLimit: input.perBuyerLimit,
      isCancelled: 0,
      createdBy: actor.staffId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await queries.insertEvent(trx, row);
    await queries.replaceEventUnits(trx, row.id, unitIds);
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'opening_event',
      entityId: row.id,
      projectId,
      action: 'create',
      after: { ...row, unitCount: unitIds.length },
    });
    return row;
  });
}

export async function updateOpeningEvent(
  db: Db,
  options: { actor: Actor; eventId: string; input: EventInput; now: Date },
) {
  const { actor, input, now } = options;
  const before = await getEventForStaff(db, actor, options.eventId, { manage: true });
  if (eventPhase(before, now) !== 'upcoming') throw new AppError(openingErrors.OPENING_STARTED);
  assertWindow(input);
  const result = await db.transaction().execute(async (trx) => {
    const unitIds = await assertOfferable(trx, before.projectId, input.unitIds, null, now);
    const changes = {
      name: input.name,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perBuyerLimit: input.perBuyerLimit,
      updatedAt: now.toISOString(),
    };
    await queries.updateEventRow(trx, before.id, changes);
    await queries.replaceEventUnits(trx, before.id, unitIds);
    await publishLive(
      trx,
      { topic: `opening:${before.id}`, type: 'event.changed', payload: { eventId: before.id } },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'opening_event',
      entityId: before.id,
      projectId: before.projectId,
      action: 'update',
      before,
      after: { ...changes, unitCount: unitIds.length },
    });
    return { ...before, ...changes };
  });
  forgetEvent(before.id);
  return result;
}

export async function cancelOpeningEvent(db: Db, options: { actor: Actor; eventId: string; now: Date }) {
  const { actor, now } = options;
  const before = await getEventForStaff(db, actor, options.eventId, { manage: true });
  const result = await db.transaction().execute(async (trx) => {
    await queries.updateEventRow(trx, before.id, { isCancelled: 1, updatedAt: now.toISOString() });
    await publishLive(
      trx,
      { topic: `opening:${before.id}`, type: 'event.changed', payload: { eventId: before.id } },
      now,
    );
    await writeAudit(trx, {
      actor,
      at: now,
      entityType: 'opening_event',
      entityId: before.id,
      projectId: before.projectId,
      action: 'cancel',
      before: { isCancelled: 0 },
      after: { isCancelled: 1 },
    });
    return { ...before, isCancelled: 1 };
  });
  forgetEvent(before.id);
  return result;
}

export async function findOpeningEvents(db: Db, actor: Actor, projectId: string, now: Date) {
  await assertProjectMember(db, actor, projectId, projectEntity);
  const rows = await queries.findEventsOfProject(db, projectId);
  return rows.map((row) => ({
    ...row,
    phase: eventPhase(row, now),
    unitCount: Number(row.unitCount ?? 0),
    buyerCount: Number(row.buyerCount ?? 0),
    pickCount: Number(row.pickCount ?? 0),
  }));
}

export async function getOpeningEvent(db: Db, actor: Actor, eventId: string, now: Date) {
  const event = await getEventForStaff(db, actor, eventId);
  const canManage = isControl(actor, event.projectId);
  const [unitIds, buyers, picks] = await Promise.all([
    queries.findEventUnitIds(db, eventId),
    queries.findBuyersOfEvent(db, eventId),
    queries.findPicksOfEvent(db, eventId),
  ]);
  return {
    event: { ...event, phase: eventPhase(event, now) },
    unitIds,
    buyers: buyers.map((buyer) => ({
      id: buyer.id,
      name: buyer.name,
      // Masked for staff too (PRIV): the buyer's whole number is theirs and the code sender's only.
      phone: maskPhone(buyer.phone),
      idNumberMasked: buyer.idNumberMasked,
      idVerified: buyer.idVerifiedAt !== null,
      idVerifiedByName: buyer.idVerifiedByName ?? null,
      idVerifiedAt: buyer.idVerifiedAt,
      pledgeNumber: buyer.pledgeNumber,
      customerId: buyer.customerId,
      pickCount: buyer.pickCount,
      // Without an SMS channel (demo installs) staff read the code to the buyer.
      demoCode:
        canManage && buyer.codeExpiresAt && buyer.codeExpiresAt > now.toISOString() ? buyer.demoCode : null,
    })),
    picks,
  };
}

// --- staff: eligible buyers (认筹客户) ---

export interface BuyerInput {
  name: string;
  phone: string;
  idNumber: string;
  pledgeNumber: string;
  customerId?: string | null;
  /** The registering staff member checked the ID document against the person. */
  idVerified: boolean;
}

function buyerFieldErrors(input: BuyerInput, prefix: string, today: string) {
  const fields: Record<string, ReturnType<typeof localized>> = {};
  if (!normaliseMobile(input.phone))
    fields[`${prefix}phone`] = localized(
      '请输入 11 位手机号',
      '請輸入 11 位手機號',
      'Enter an 11-digit mainland mobile number',
    );
  const idProblem = checkResidentId(input.idNumber, today);
  if (idProblem) fields[`${prefix}idNumber`] = residentIdProblemText[idProblem];
  return fields;
}

/** Registers eligible buyers (one or many); PRIV: the ID number is kept only masked and hashed. */
export async function registerBuyers(
  db: Db,
  options: { actor: Actor; eventId: string; buyers: BuyerInput[]; now: Date },
) {
  const { actor, now } = options;
  const event = await getEventForStaff(db, actor, options.eventId, { manage: true });
  const fields = Object.assign(
    {},
    ...options.buyers.map((buyer, index) =>
      buyerFieldErrors(buyer, options.buyers.length === 1 ? '' : `buyers.${index}.`, shanghaiToday(now)),
    ),
  );
  if (Object.keys(fields).length) throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
  const rows: OpeningBuyersTable[] = options.buyers.map((buyer) => {
    const idNumber = normaliseResidentId(buyer.idNumber);
    return {
      id: newId(),
      eventId: event.id,
      name: buyer.name,
      phone: normaliseMobile(buyer.phone)!,
      idNumberMasked: maskIdNumber(idNumber),
      idNumberHash: sha256(`${event.id}:${idNumber}`),
      idVerifiedBy: buyer.idVerified ? actor.staffId : null,
      idVerifiedAt: buyer.idVerified ? now.toISOString() : null,
      pledgeNumber: buyer.pledgeNumber,
      customerId: buyer.customerId ?? null,
      pickCount: 0,
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      codeSentAt: null,
      demoCode: null,
      sessionHash: null,
      sessionExpiresAt: null,
      createdAt: now.toISOString(),
    };
  });
  try {
    await db.transaction().execute(async (trx) => {
      await queries.insertBuyers(trx, rows);
      await writeAudit(trx, {
        actor,
        at: now,
        entityType: 'opening_buyers',
        entityId: event.id,
        projectId: event.projectId,
        action: 'register',
        after: rows.map((row) => ({
          id: row.id,
          name: row.name,
          phone: maskPhone(row.phone),
          pledgeNumber: row.pledgeNumber,
          idVerified: row.idVerifiedAt !== null,
        })),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(openingErrors.BUYER_DUPLICATE);
    throw error;
  }
  return rows;
}

/** Marks a buyer's ID document as checked by this member of staff. */
export async function verifyBuyerId(db: Db, options: { actor: Actor; buyerId: string; now: Date }) {
  const buyer = await queries.findBuyerRow(db, options.buyerId);
  if (!buyer) throw new AppError(commonErrors.NOT_FOUND, { entity: buyerEntity });
  const event = await getEventForStaff(db, options.actor, buyer.eventId, {
    manage: true,
    entity: buyerEntity,
  });
  await db.transaction().execute(async (trx) => {
    await queries.updateBuyerRow(trx, buyer.id, {
      idVerifiedBy: options.actor.staffId,
      idVerifiedAt: options.now.toISOString(),
    });
    await writeAudit(trx, {
      actor: options.actor,
      at: options.now,
      entityType: 'opening_buyer',
      entityId: buyer.id,
      projectId: event.projectId,
      action: 'verify_id',
      after: { idVerified: true },
    });
  });
}

// --- public: buyer sign-in with a one-time code ---

export interface PublicEvent {
  id: string;
  name: string;
  projectName: string;
  startsAt: string;
  endsAt: string;
  perBuyerLimit: number;
  phase: ReturnType<typeof eventPhase>;
  serverTime: string;
}

export async function getPublicEvent(db: Db, eventId: string, now: Date): Promise<PublicEvent> {
  const { event } = await eventSnapshot(db, eventId);
  const project = await db
    .selectFrom('projects')
    .select('name')
    .where('id', '=', event.projectId)
    .executeTakeFirstOrThrow();
  return {
    id: event.id,
    name: event.name,
    projectName: project.name,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    perBuyerLimit: event.perBuyerLimit,
    phase: eventPhase(event, now),
    serverTime: now.toISOString(),
  };
}

async function codePolicyOf(db: Tx, companyId: string, projectId: string): Promise<CodePolicy> {
  const context = { companyId, projectId };
  const [validMinutes, maxAttempts, resendSeconds] = await Promise.all([
    getSetting(db, 'opening.codeValidMinutes', context),
    getSetting(db, 'opening.codeMaxAttempts', context),
    getSetting(db, 'opening.codeResendSeconds', context),
  ]);
  return { validMinutes, maxAttempts, resendSeconds };
}

/**
 * Sends a one-time code to a registered, ID-checked buyer by SMS (the notification service's
 * outbox, queued in the transaction that stores the code). The answer is the same whether or not
 * the number is registered, so the page cannot be used to find out who pledged. Without an SMS
 * channel (demo installs) the controller's console shows the code instead, to read it out.
 */
export async function requestBuyerCode(
  db: Db,
  options: { eventId: string; phone: string; now: Date },
): Promise<{ sent: true }> {
  const { event, companyId } = await eventSnapshot(db, options.eventId);
  const phone = normaliseMobile(options.phone);
  if (!phone)
    throw new AppError(
      commonErrors.VALIDATION_FAILED,
      {},
      {
        phone: localized(
          '请输入 11 位手机号',
          '請輸入 11 位手機號',
          'Enter an 11-digit mainland mobile number',
        ),
      },
    );
  const buyer = await queries.findBuyerByPhone(db, event.id, phone);
  if (!buyer?.idVerifiedAt || event.isCancelled) return { sent: true };
  const policy = await codePolicyOf(db, companyId, event.projectId);
  const wait = secondsUntilResend(buyer.codeSentAt, policy, options.now);
  if (wait > 0) throw new AppError(openingErrors.CODE_TOO_SOON, { seconds: wait });
  const code = newCode();
  const hasSms = await isChannelEnabled(db, companyId, 'sms');
  await db.transaction().execute(async (trx) => {
    // Conditional on the send time read above: of two requests racing, one sends a code.
    const stored = await queries.storeBuyerCode(trx, buyer.id, buyer.codeSentAt, {
      codeHash: hashCode(buyer.id, code),
      codeExpiresAt: new Date(options.now.getTime() + policy.validMinutes * 60_000).toISOString(),
      codeAttempts: 0,
      codeSentAt: options.now.toISOString(),
      demoCode: hasSms ? null : code,
    });
    if (!stored)
      throw new AppError(openingErrors.CODE_TOO_SOON, { seconds: Math.max(1, policy.resendSeconds) });
    await notify(trx, {
      event: 'opening.signInCode',
      projectId: event.projectId,
      companyId,
      recipients: [
        { kind: 'requester', key: `opening_buyer:${buyer.id}`, name: buyer.name, phone: buyer.phone },
      ],
      params: { code, minutes: String(policy.validMinutes), event: event.name },
      now: options.now,
    });
    await publishLive(
      trx,
      {
        topic: `board:${event.projectId}`,
        type: 'opening.code_sent',
        payload: { eventId: event.id, buyerId: buyer.id },
      },
      options.now,
    );
  });
  return { sent: true };
}

export interface BuyerSession {
  buyerId: string;
  eventId: string;
  name: string;
  customerId: string | null;
  /** What this process knows; the database's conditional count is what enforces the limit. */
  pickCount: number;
  expiresAt: string;
}

/**
 * The signed-in buyers of an event, by session-token hash, read in one query and re-read every
 * 30 s. At the start of an opening every buyer's first request would otherwise be its own lookup
 * (one per pick, since a buyer picks about once); sign-in and sign-out on this process update the
 * map at once, a sign-out on another instance takes effect here within the 30 s.
 */
interface EventSessions {
  byHash: Map<string, BuyerSession>;
  loadedAt: number;
}
const eventSessions = new Map<string, EventSessions>();
const sessionLoads = new Map<string, Promise<EventSessions>>();
const sessionCacheMs = 30_000;

function toSession(row: Awaited<ReturnType<typeof queries.findBuyerBySessionFast>>): BuyerSession | null {
  if (!row?.sessionExpiresAt) return null;
  return {
    buyerId: row.id,
    eventId: row.eventId,
    name: row.name,
    customerId: row.customerId,
    pickCount: Number(row.pickCount),
    expiresAt: row.sessionExpiresAt,
  };
}

async function sessionsOfEvent(db: Db, eventId: string): Promise<EventSessions> {
  const cached = eventSessions.get(eventId);
  if (cached && Date.now() - cached.loadedAt < sessionCacheMs) return cached;
  let pending = sessionLoads.get(eventId);
  if (!pending) {
    pending = (async () => {
      const loadedAt = Date.now();
      const rows = await queries.findSignedInBuyers(db, eventId);
      const byHash = new Map<string, BuyerSession>();
      for (const row of rows) {
        const session = toSession(row);
        if (session && row.sessionHash) byHash.set(row.sessionHash, session);
      }
      const entry = { byHash, loadedAt };
      if (eventSessions.size > 50) eventSessions.clear();
      eventSessions.set(eventId, entry);
      return entry;
    })().finally(() => sessionLoads.delete(eventId));
    sessionLoads.set(eventId, pending);
  }
  return pending;
}

/** Signs a buyer in: a correct, unexpired code gives a session token (only its hash is stored). */
export async function signInBuyer(
  db: Db,
  options: { eventId: string; phone: string; code: string; now: Date },
) {
  const { event, companyId } = await eventSnapshot(db, options.eventId);
  const phone = normaliseMobile(options.phone);
  const buyer = phone ? await queries.findBuyerByPhone(db, event.id, phone) : undefined;
  const nowIso = options.now.toISOString();
  if (!buyer?.codeHash || !buyer.codeExpiresAt || buyer.codeExpiresAt <= nowIso)
    throw new AppError(openingErrors.CODE_INVALID);
  const policy = await codePolicyOf(db, companyId, event.projectId);
  if (buyer.codeAttempts >= policy.maxAttempts) throw new AppError(openingErrors.CODE_ATTEMPTS_EXCEEDED);
  if (!sameHash(hashCode(buyer.id, options.code.trim()), buyer.codeHash)) {
    await queries.countWrongCode(db, buyer.id);
    throw new AppError(openingErrors.CODE_INVALID);
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(
    Math.max(Date.parse(event.endsAt), options.now.getTime()) + 24 * 3_600_000,
  ).toISOString();
  await db.transaction().execute(async (trx) => {
    await queries.updateBuyerRow(trx, buyer.id, {
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
      demoCode: null,
      sessionHash: sha256(token),
      sessionExpiresAt: expiresAt,
    });
    await writeAudit(trx, {
      actor: { ...systemActor(companyId), displayName: `${buyer.name}(线上开盘)`, grants: [] },
      at: options.now,
      entityType: 'opening_buyer',
      entityId: buyer.id,
      projectId: event.projectId,
      action: 'sign_in',
    });
  });
  const sessions = eventSessions.get(event.id);
  // Signing in again ends the buyer's earlier session (its hash was just overwritten).
  for (const [hash, session] of sessions?.byHash ?? [])
    if (session.buyerId === buyer.id) sessions?.byHash.delete(hash);
  sessions?.byHash.set(sha256(token), {
    buyerId: buyer.id,
    eventId: event.id,
    name: buyer.name,
    customerId: buyer.customerId,
    pickCount: buyer.pickCount,
    expiresAt,
  });
  return { token, expiresAt, buyer: { name: maskName(buyer.name), pledgeNumber: buyer.pledgeNumber } };
}

/** In the rush each buyer presents the same cookie for the availability, the live stream and every pick. */
const sessionHashOfPresented = rememberHashes(sha256);

/** The buyer behind a session token, for this event (from the event's session map, see above). */
export async function resolveBuyer(
  db: Db,
  eventId: string,
  token: string | undefined,
  now: Date,
): Promise<BuyerSession> {
  if (!token) throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
  const hash = sessionHashOfPresented(token);
  const nowIso = now.toISOString();
  const sessions = await sessionsOfEvent(db, eventId);
  const known = sessions.byHash.get(hash);
  if (known) {
    if (known.expiresAt <= nowIso) throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
    return known;
  }
  // Signed in after the map was read (on another instance): look it up once and remember it.
  const session = toSession(await queries.findBuyerBySessionFast(db, hash));
  if (!session || session.eventId !== eventId || session.expiresAt <= nowIso)
    throw new AppError(openingErrors.BUYER_UNAUTHENTICATED);
  sessions.byHash.set(hash, session);
  return session;
}

export async function signOutBuyer(
  db: Db,
  options: { eventId: string; token: string | undefined; now: Date },
) {
  if (!options.token) return;
  const hash = sha256(options.token);
  eventSessions.get(options.eventId)?.byHash.delete(hash);
  const buyer = await queries.findBuyerBySession(db, hash);
  if (buyer && buyer.eventId === options.eventId)
    await queries.updateBuyerRow(db, buyer.id, { sessionHash: null, sessionExpiresAt: null });
}

export async function getBuyerOverview(db: Db, session: BuyerSession, now: Date) {
  const buyer = await queries.findBuyerRow(db, session.buyerId);
  const picks = await queries.findPicksOfBuyer(db, session.buyerId);
  const { event } = await eventSnapshot(db, session.eventId);
  return {
    name: maskName(buyer?.name ?? session.name),
    pledgeNumber: buyer?.pledgeNumber ?? '',
    pickCount: buyer?.pickCount ?? 0,
    perBuyerLimit: event.perBuyerLimit,
    serverTime: now.toISOString(),
    picks: picks.map((pick) => ({
      id: pick.id,
      unitId: pick.unitId,
      label: pick.label,
      layout: pick.layout,
      buildingAreaDm2: pick.buildingAreaDm2,
      listTotalFen: pick.listTotalFen === null ? null : Number(pick.listTotalFen),
      pickedAt: pick.pickedAt,
    })),
  };
}

// --- public: availability (cached for reads) and the pick (never cached) ---

interface Availability {
  at: number;
  body: string;
}
const availabilityCache = new Map<string, Availability>();
const availabilityMs = 250;
const loading = new Map<string, Promise<Availability>>();

/**
 * The offered units and whether each is still free, as a JSON string, rebuilt at most every
 * 250 ms per process however many buyers ask: the rush reads from memory, the picks hit the database.
 */
export async function getAvailabilityJson(db: Db, eventId: string, now: Date): Promise<string> {
  const cached = availabilityCache.get(eventId);
  if (cached && Date.now() - cached.at < availabilityMs) return cached.body;
  let pending = loading.get(eventId);
  if (!pending) {
    pending = (async () => {
      const rows = await queries.findOfferedUnits(db, eventId);
      const nowIso = now.toISOString();
      const units = rows.map((row) => ({
        id: row.id,
        label: row.label,
        buildingId: row.buildingId,
        buildingName: row.buildingName,
        floor: row.floor,
        position: row.position,
        number: row.number,
        layout: row.layout,
        buildingAreaDm2: row.buildingAreaDm2,
        innerAreaDm2: row.innerAreaDm2,
        orientation: row.orientation,
        listUnitPriceFen: row.listUnitPriceFen === null ? null : Number(row.listUnitPriceFen),
        listTotalFen: row.listTotalFen === null ? null : Number(row.listTotalFen),
        isAvailable:
          row.status === 'for_sale' ||
          (row.status === 'held' && row.holdExpiresAt !== null && row.holdExpiresAt <= nowIso),
      }));
      const entry = { at: Date.now(), body: JSON.stringify({ units, serverTime: nowIso }) };
      availabilityCache.set(eventId, entry);
      return entry;
    })().finally(() => loading.delete(eventId));
    loading.set(eventId, pending);
  }
  return (await pending).body;
}

/** An expected way for a pick to lose (taken, over the limit): answered, not thrown (see opening.routes.ts). */
export interface PickRefusal {
  refusal: ErrorDefinition;
  params: ErrorParams;
}

export interface PickConfirmation {
  pickId: string;
  unitId: string;
  pickedAt: string;
  listTotalFen: number | null;
}

/**
 * A buyer picks a unit: checks in memory that the event is open, the unit offered and the
 * buyer under their limit, then the batcher makes the conditional updates. First valid pick wins.
 * A lost race or a reached limit comes back as a refusal rather than a thrown AppError: in the
 * rush one pick in seven loses, and each thrown error captured a stack nobody reads.
 */
export async function pickUnit(
  db: Db,
  options: { session: BuyerSession; unitId: string; now: Date },
): Promise<PickConfirmation | PickRefusal> {
  const { session, unitId, now } = options;
  const snapshot = await eventSnapshot(db, session.eventId);
  const { event } = snapshot;
  if (eventPhase(event, now) !== 'open') throw new AppError(openingErrors.OPENING_NOT_OPEN);
  if (!snapshot.offered.has(unitId)) throw new AppError(openingErrors.UNIT_NOT_OFFERED);
  if (session.pickCount >= event.perBuyerLimit)
    return { refusal: openingErrors.PICK_LIMIT_REACHED, params: { limit: event.perBuyerLimit } };
  const outcome = await pickBatcherFor(db).submit({
    eventId: event.id,
    projectId: event.projectId,
    companyId: snapshot.companyId,
    unitId,
    buyerId: session.buyerId,
    buyerName: session.name,
    customerId: session.customerId,
    perBuyerLimit: event.perBuyerLimit,
    now,
  });
  if (outcome.result === 'taken') return { refusal: openingErrors.UNIT_TAKEN, params: {} };
  if (outcome.result === 'limit') {
    session.pickCount = event.perBuyerLimit;
    return { refusal: openingErrors.PICK_LIMIT_REACHED, params: { limit: event.perBuyerLimit } };
  }
  session.pickCount += 1;
  availabilityCache.delete(event.id);
  return {
    pickId: outcome.pick.id,
    unitId,
    pickedAt: outcome.pick.pickedAt,
    listTotalFen: outcome.pick.listTotalFen === null ? null : Number(outcome.pick.listTotalFen),
  };
}
