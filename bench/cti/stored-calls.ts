import type SqliteDatabase from 'better-sqlite3';
import { newOrderedId } from '../../server/platform/jobs/index.js';
import { percentile } from './http.js';

// A year of stored calls on one desk, written straight into the database as the calls module stores
// them: time-ordered ids (the id's clock is the ringing time), answered by the desk's agents (about
// one call in seventeen missed), rings against the limit of 3, the greeting shown on most answers,
// one answered call in five put on hold once (with its held and resumed events), released by the
// caller, the agent or the exchange; and the time one day's statistics take over them.

export async function storeCalls(
  sqlite: SqliteDatabase.Database,
  bigDesk: { id: string; projectId: string },
  storedCalls: number,
  statsDays: number,
  log: (text: string) => void,
): Promise<void> {
  const company = sqlite.prepare('SELECT company_id FROM projects WHERE id = ?').get(bigDesk.projectId) as {
    company_id: string;
  };
  const agents = (
    sqlite
      .prepare(
        "SELECT DISTINCT staff_id AS id FROM staff_roles WHERE role = 'agent' AND (project_id = ? OR project_id IS NULL) ORDER BY staff_id",
      )
      .all(bigDesk.projectId) as Array<{ id: string }>
  ).map((agent) => agent.id);
  const columns = `id, company_id, project_id, desk_id, source, external_call_id, status, caller_number_raw, caller_number,
    is_caller_number_valid, caller_name, ringing_at, answered_at, ended_at, answered_by_staff_id, answered_by_ref, released_by,
    ring_ms, rings, max_rings, is_answered_within_limit, hold_ms, hold_count, talk_ms, local_day, local_hour, notes,
    event_count, created_at, updated_at, greeting_shown_at, greeting_version, greeting_shown_by`;
  const tuple =
    "(?, ?, ?, ?, 'cti', ?, ?, ?, ?, 1, '', ?, ?, ?, ?, '', ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)";
  const eventTuple = "(?, ?, ?, 'cti', ?, ?, ?, ?, ?)";
  const rowsPerInsert = 100;
  const insertCalls = sqlite.prepare(
    `INSERT INTO calls (${columns}) VALUES ${Array(rowsPerInsert).fill(tuple).join(', ')}`,
  );
  const insertOneCall = sqlite.prepare(`INSERT INTO calls (${columns}) VALUES ${tuple}`);
  const insertEvent = sqlite.prepare(
    `INSERT INTO call_events (id, call_id, desk_id, source, event_id, type, occurred_at, received_at, payload_hash)
     VALUES ${eventTuple}, ${eventTuple}`,
  );
  const firstDayMs = Date.parse('2025-11-28T00:00:00.000Z') - 8 * 3_600_000;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const callRow = (index: number) => {
    const ringing = firstDayMs + Math.floor((index / storedCalls) * statsDays * 86_400_000);
    const ringMs = (index * 7919) % 30_000;
    const isMissed = index % 17 === 0;
    const answered = isMissed ? null : ringing + ringMs;
    const isHeld = !isMissed && index % 5 === 0;
    const talkMs = 30_000 + ((index * 104_729) % 240_000);
    const ended = (answered ?? ringing) + (isMissed ? 0 : talkMs + (isHeld ? 20_000 : 0));
    const local = new Date(ringing + 8 * 3_600_000);
    const number = `+86139${String(index).padStart(8, '0')}`;
    const agent = isMissed || agents.length === 0 ? null : agents[index % agents.length];
    const hasGreeting = answered !== null && index % 23 !== 0;
    const releasedBy = isMissed
      ? index % 2 === 0
        ? 'system'
        : 'caller'
      : index % 7 === 0
        ? 'agent'
        : 'caller';
    const id = newOrderedId(ringing);
    const values = [
      id,
      company.company_id,
      bigDesk.projectId,
      bigDesk.id,
      `stored-${index}`,
      isMissed ? 'missed' : 'ended',
      number,
      number,
      iso(ringing),
      iso(answered),
      iso(ended),
      agent,
      releasedBy,
      ringMs,
      Math.floor(ringMs / 5000) + 1,
      !isMissed && ringMs < 15_000 ? 1 : 0,
      isHeld ? 20_000 : 0,
      isHeld ? 1 : 0,
      answered === null ? null : talkMs,
      local.toISOString().slice(0, 10),
      local.getUTCHours(),
      isMissed ? 2 : isHeld ? 5 : 3,
      iso(ringing),
      iso(ended),
      hasGreeting ? iso((answered as number) + 2_000) : null,
      hasGreeting ? 0 : null,
      hasGreeting ? agent : null,
    ];
    const held = isHeld ? (answered as number) + talkMs / 2 : null;
    const events =
      held === null
        ? null
        : [
            ...[`${id}-held`, id, bigDesk.id, `stored-${index}-held`, 'held', iso(held), iso(held), 'bench'],
            ...[
              `${id}-resumed`,
              id,
              bigDesk.id,
              `stored-${index}-resumed`,
              'resumed',
              iso(held + 20_000),
              iso(held + 20_000),
              'bench',
            ],
          ];
    return { values, events };
  };
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    let index = from;
    for (; index + rowsPerInsert <= to; index += rowsPerInsert) {
      const rows = Array.from({ length: rowsPerInsert }, (_, offset) => callRow(index + offset));
      insertCalls.run(rows.flatMap((row) => row.values));
      for (const row of rows) if (row.events) insertEvent.run(row.events);
    }
    for (; index < to; index++) {
      const row = callRow(index);
      insertOneCall.run(row.values);
      if (row.events) insertEvent.run(row.events);
    }
  });
  const batch = 50_000;
  for (let from = 0; from < storedCalls; from += batch) {
    insertBatch(from, Math.min(storedCalls, from + batch));
    if ((from / batch) % 5 === 4) log(`  ${from + batch} stored`);
  }
}

/** The median time of one day's statistics, the first run (which warms the page cache) left out. */
export async function timeDailyStats(
  baseUrl: string,
  cookie: string,
  deskId: string,
  log: (text: string) => void,
): Promise<number> {
  const day = '2026-05-28';
  const statsTimes: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/calls/stats?deskId=${deskId}&fromDay=${day}&toDay=${day}`, {
      headers: { cookie },
    });
    const body = (await response.json()) as { summary?: { calls: number } };
    statsTimes.push(performance.now() - started);
    if (run === 0) log(`one day's stats: ${body.summary?.calls ?? '?'} calls (status ${response.status})`);
  }
  // The first run warms the page cache; the median of the rest is what an agent waits.
  return percentile(statsTimes.slice(1), 0.5);
}
