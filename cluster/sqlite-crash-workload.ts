import { demoPassword, type Session } from './harness.js';

/**
 * The clients of the SQLite crash test: consultants holding units of the sales board (销控) for
 * their customers, racing each other for the same units, and the two-person deposit collection
 * (consultant asks, the controller re-verifies, finance collects with the controller as witness).
 * Every answer is written down: a 2xx is a promise the server made, a dropped connection is an
 * outcome nobody knows. The assertions compare the promises with what the database holds.
 */

export interface HoldPromise {
  unitId: string;
  customerId: string;
  /** A release of this hold was sent (answered or not): the unit may be for sale again. */
  isReleaseSent: boolean;
  /** Its deposit was collected (answered): the unit must be deposited for this customer. */
  receipt: { id: string; number: number } | null;
}

export interface Ledger {
  holds: HoldPromise[];
  /** Hold requests whose connection dropped: they may or may not have happened. */
  holdsUnknown: number;
  /** Lost races and holds on units gone meanwhile (409): the normal answer. */
  holdsRefused: number;
  releases: number;
  receipts: Array<{ id: string; number: number; unitId: string }>;
  /** Collections answered only after a restart, by replaying the same idempotency key. */
  collectReplays: number;
  /** Anything else than 2xx, 409 or a dropped connection: each is a fault of the product. */
  unexpected: string[];
}

export function emptyLedger(): Ledger {
  return {
    holds: [],
    holdsUnknown: 0,
    holdsRefused: 0,
    releases: 0,
    receipts: [],
    collectReplays: 0,
    unexpected: [],
  };
}

/**
 * The units for sale as the clients know them. Clients pick among the first few, so they collide
 * on the same units often (a lost race must be a clean 409, never a second hold); a unit leaves
 * the pool once held, refused or left unknown, and comes back when its release is answered.
 */
export class UnitPool {
  /** Holds the clients may still try while the server is up this time (see allow). */
  private allowance = 0;

  constructor(
    private readonly available: string[],
    private readonly hotCount = 6,
  ) {}

  /**
   * A number of hold attempts per start of the server: however slow the machine makes a restart,
   * each round sees about the same traffic and the units for sale last all 50 rounds.
   */
  allow(attempts: number): void {
    this.allowance = attempts;
  }

  pick(random: () => number): string | undefined {
    if (this.allowance <= 0) return undefined;
    const hot = this.available.slice(0, this.hotCount);
    const unitId = hot[Math.floor(random() * hot.length)];
    if (unitId) this.allowance -= 1;
    return unitId;
  }

  take(unitId: string): void {
    const at = this.available.indexOf(unitId);
    if (at >= 0) this.available.splice(at, 1);
  }

  giveBack(unitId: string): void {
    if (!this.available.includes(unitId)) this.available.push(unitId);
  }
}

export interface Crew {
  consultant: Session;
  controller: Session;
  finance: Session;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nothing listens (the server is down or starting): the request never reached it. */
const notListening = 'not listening' as const;

/** An answer, null when the connection dropped under the request (outcome unknown), or notListening. */
async function attempt<T>(
  session: Session,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; body: T } | null | typeof notListening> {
  try {
    return await session.call<T>(method, url, body);
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? notListening : null;
  }
}

/** Asks until the server listens: a refused connection proves the request was never seen. */
async function send<T>(session: Session, method: string, url: string, body?: unknown) {
  for (;;) {
    const answer = await attempt<T>(session, method, url, body);
    if (answer !== notListening) return answer;
    await sleep(200);
  }
}

function isOk(answer: { status: number } | null): boolean {
  return answer !== null && answer.status >= 200 && answer.status < 300;
}

/** 409 is a lost race; a 503 while the server starts is the product saying "not yet". */
function isExpectedRefusal(answer: { status: number } | null): boolean {
  return answer !== null && (answer.status === 409 || answer.status === 503);
}

export interface ClientOptions {
  crew: Crew;
  customers: string[];
  pool: UnitPool;
  ledger: Ledger;
  isStopped: () => boolean;
  random: () => number;
  /** Chance that a held unit goes on to a deposit, and that a hold is released again. */
  depositShare: number;
  releaseShare: number;
}

/** One client's loop until told to stop. */
export async function runClient(options: ClientOptions): Promise<void> {
  const { crew, ledger, random } = options;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const { pool } = options;
  while (!options.isStopped()) {
    // A person's pace: a moment between actions, so the server is not flooded while it starts and
    // the units for sale last all the rounds.
    await sleep(60 + random() * 140);
    const unitId = pool.pick(random);
    if (!unitId) continue;
    const customerId = pick(options.customers);
    const held = await send(crew.consultant, 'POST', `/inventory/units/${unitId}/hold`, {
      customerId,
      minutes: 60,
    });
    pool.take(unitId);
    if (held === null) {
      ledger.holdsUnknown += 1;
      await sleep(250);
      continue;
    }
    if (!isOk(held)) {
      if (isExpectedRefusal(held)) ledger.holdsRefused += 1;
      else ledger.unexpected.push(`hold: ${held.status} ${JSON.stringify(held.body)}`);
      continue;
    }
    const promise: HoldPromise = { unitId, customerId, isReleaseSent: false, receipt: null };
    ledger.holds.push(promise);
    const roll = random();
    if (roll < options.depositShare) await collectFor(options, promise);
    else if (roll < options.depositShare + options.releaseShare) {
      promise.isReleaseSent = true;
      const released = await send(crew.consultant, 'POST', `/inventory/units/${unitId}/release`, {
        reason: '客户改期',
      });
      if (isOk(released)) {
        ledger.releases += 1;
        pool.giveBack(unitId);
      } else if (released !== null && !isExpectedRefusal(released))
        ledger.unexpected.push(`release: ${released.status} ${JSON.stringify(released.body)}`);
    }
  }
}

/**
 * SA-12's three steps. A step whose connection drops ends the attempt (the unit stays held), except
 * the collection itself: money was taken, so finance asks again with the same key until the server
 * answers — the first answer comes back if the first request had committed.
 */
async function collectFor(options: ClientOptions, promise: HoldPromise): Promise<void> {
  const { crew, ledger } = options;
  const deposit = await send<{ id: string }>(crew.consultant, 'POST', '/deals/deposits', {
    unitId: promise.unitId,
    customerId: promise.customerId,
    amountFen: 5_000_000,
    note: '',
  });
  if (!isOk(deposit)) return noteUnexpected(ledger, 'request deposit', deposit);
  const depositId = (deposit as { body: { id: string } }).body.id;
  const confirmed = await send(crew.controller, 'POST', `/deals/deposits/${depositId}/confirm`);
  if (!isOk(confirmed)) return noteUnexpected(ledger, 'confirm deposit', confirmed);
  const idempotencyKey = `crash-${depositId}`;
  for (let tries = 0; ; tries++) {
    const collected = await send<{ receipt: { id: string; number: number }; isReplay?: boolean }>(
      crew.finance,
      'POST',
      `/deals/deposits/${depositId}/collect`,
      { method: 'transfer', witness: { username: 'controller', password: demoPassword }, idempotencyKey },
    );
    if (collected !== null && collected.status !== 503) {
      if (!isOk(collected)) return noteUnexpected(ledger, 'collect deposit', collected);
      const { receipt } = collected.body;
      promise.receipt = { id: receipt.id, number: receipt.number };
      ledger.receipts.push({ ...promise.receipt, unitId: promise.unitId });
      if (tries > 0) ledger.collectReplays += 1;
      return;
    }
    // Killed under the request: wait for the restart (clients run on after the last kill too).
    await sleep(150);
    if (tries > 600) return noteUnexpected(ledger, 'collect deposit (no answer in 90 s)', null);
  }
}

function noteUnexpected(ledger: Ledger, step: string, answer: { status: number; body: unknown } | null) {
  if (answer === null || isExpectedRefusal(answer)) return;
  ledger.unexpected.push(`${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
}
