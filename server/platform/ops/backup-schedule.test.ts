import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../modules/audit/index.js';
import { createTestDatabase, type TestDatabase, testDialect } from '../../testing/test-database.js';
import { forgetDataKeys } from '../crypto/index.js';
import { openDatabase } from '../db/database.js';
import { startJobRunner } from '../jobs/index.js';
import {
  backupFileName,
  backupJobKind,
  nextBackupRun,
  registerScheduledBackups,
  scheduleNextBackup,
} from './index.js';

let database: TestDatabase;
let dir: string;
const savedKey = process.env.YINGKE_SECRET_KEY;
const schedule = { enabled: true, time: '02:30', keep: 2 };

beforeAll(async () => {
  process.env.YINGKE_SECRET_KEY = randomBytes(32).toString('base64');
  forgetDataKeys();
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-scheduled-'));
  registerScheduledBackups({
    databaseUrl: database.url,
    dir,
    productVersion: '0.1.0',
    verifyAudit: verifyAuditChain,
    readSchedule: async () => schedule,
    log: { info: () => undefined },
  });
});

afterAll(async () => {
  if (savedKey === undefined) delete process.env.YINGKE_SECRET_KEY;
  else process.env.YINGKE_SECRET_KEY = savedKey;
  forgetDataKeys();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(`scheduled backups (${testDialect})`, () => {
  it('runs at the set Beijing time, the next day once it has passed', () => {
    // 02:30 Beijing is 18:30 UTC the day before.
    expect(nextBackupRun(new Date('2026-12-07T10:00:00.000Z'), '02:30').toISOString()).toBe(
      '2026-12-07T18:30:00.000Z',
    );
    expect(nextBackupRun(new Date('2026-12-07T18:30:00.000Z'), '02:30').toISOString()).toBe(
      '2026-12-08T18:30:00.000Z',
    );
    expect(nextBackupRun(new Date('2026-12-07T15:59:00.000Z'), '00:00').toISOString()).toBe(
      '2026-12-07T16:00:00.000Z',
    );
  });

  it('backs up once a day across instances and keeps only the latest archives', async () => {
    const start = new Date('2026-12-07T10:00:00.000Z');
    // Older archives of this schedule, and a file of someone else's that pruning must leave alone.
    for (const day of ['2026-12-04T18:30:00.000Z', '2026-12-05T18:30:00.000Z', '2026-12-06T18:30:00.000Z'])
      fs.writeFileSync(path.join(dir, backupFileName(new Date(day))), 'old');
    fs.writeFileSync(path.join(dir, 'keep-me.tar.gz'), 'not ours');
    // Every instance queues the day's backup at start.
    const second = openDatabase(database.url);
    try {
      for (const db of [database.db, second.db, database.db])
        await db.transaction().execute((trx) => scheduleNextBackup(trx, start, schedule));
      const queued = await database.db
        .selectFrom('jobs')
        .select(['runAt', 'status'])
        .where('kind', '=', backupJobKind)
        .execute();
      expect(queued).toEqual([{ runAt: '2026-12-07T18:30:00.000Z', status: 'pending' }]);

      const at = new Date('2026-12-07T18:30:05.000Z');
      const runners = [database, second].map((instance, index) =>
        startJobRunner({
          database: instance,
          instanceId: `instance-${index}`,
          now: () => at,
          autoStart: false,
          kinds: [backupJobKind],
        }),
      );
      await Promise.all(runners.map((runner) => runner.runUntilIdle()));
      await Promise.all(runners.map((runner) => runner.stop()));
    } finally {
      await second.close();
    }
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        backupFileName(new Date('2026-12-06T18:30:00.000Z')),
        backupFileName(new Date('2026-12-07T18:30:05.000Z')),
        'keep-me.tar.gz',
      ].sort(),
    );
    const jobs = await database.db
      .selectFrom('jobs')
      .select(['runAt', 'status'])
      .where('kind', '=', backupJobKind)
      .orderBy('runAt')
      .execute();
    // Done once, and the next day's queued.
    expect(jobs).toEqual([
      { runAt: '2026-12-07T18:30:00.000Z', status: 'done' },
      { runAt: '2026-12-08T18:30:00.000Z', status: 'pending' },
    ]);
  });
});
