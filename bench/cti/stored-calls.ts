import { randomUUID } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import { percentile } from './http.js';

// A year of stored calls on one desk, written straight into the database, and the time one day's
// statistics take over them.

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
  const insert = sqlite.prepare(
    `INSERT INTO calls (id, company_id, project_id, desk_id, source, external_call_id, status, caller_number_raw, caller_number, is_caller_number_valid,
      caller_name, ringing_at, answered_at, ended_at, answered_by_ref, released_by, ring_ms, rings, max_rings, is_answered_within_limit,
      hold_ms, hold_count, talk_ms, local_day, local_hour, notes, event_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'cti', ?, ?, ?, ?, 1, '', ?, ?, ?, '', ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, '', 3, ?, ?)`,
  );
  const firstDayMs = Date.parse('2025-11-28T00:00:00.000Z') - 8 * 3_600_000;
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) {
      const ringing = firstDayMs + Math.floor((index / storedCalls) * statsDays * 86_400_000);
      const ringMs = (index * 7919) % 30_000;
      const isMissed = index % 17 === 0;
      const answered = isMissed ? null : ringing + ringMs;
      const ended = (answered ?? ringing) + 60_000;
      const local = new Date(ringing + 8 * 3_600_000);
      const number = `+86139${String(index).padStart(8, '0')}`;
      insert.run(
        randomUUID(),
        company.company_id,
        bigDesk.projectId,
        bigDesk.id,
        `stored-${index}`,
        isMissed ? 'missed' : 'ended',
        number,
        number,
        new Date(ringing).toISOString(),
        answered === null ? null : new Date(answered).toISOString(),
        new Date(ended).toISOString(),
        index % 7 === 0 ? 'agent' : 'caller',
        ringMs,
        Math.floor(ringMs / 5000) + 1,
        !isMissed && ringMs < 15_000 ? 1 : 0,
        index % 5 === 0 ? 20_000 : 0,
        index % 5 === 0 ? 1 : 0,
        answered === null ? null : 60_000,
        local.toISOString().slice(0, 10),
        local.getUTCHours(),
        new Date(ringing).toISOString(),
        new Date(ringing).toISOString(),
      );
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
  // The first run warms the page cache; the median of the rest is what an agent waits.
  return percentile(statsTimes.slice(1), 0.5);
}
