import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { notify } from '../server/modules/notify/index.js';
import { type Database, openDatabase } from '../server/platform/db/database.js';
import { type Cluster, startCluster, waitFor } from './harness.js';

/**
 * Reminders are durable jobs that every instance's runner claims from the one table (leases,
 * FOR UPDATE SKIP LOCKED): with three runners polling, each reminder still reaches its inbox once.
 */
let cluster: Cluster;
let database: Database;

beforeAll(async () => {
  cluster = await startCluster({ template: inject('clusterTemplate') });
  // The reminders are made as a module of the product makes them: notify() in a transaction.
  database = openDatabase(cluster.database.url, { poolSize: 2 });
});
afterAll(async () => {
  await database?.close();
  await cluster?.stop();
});

const reminderCount = 600;

describe('reminders across instances', () => {
  it('runs each due reminder once with every instance polling the queue', async () => {
    const staff = await cluster.database.query<{ id: string; company_id: string }>(
      "SELECT id, company_id FROM staff WHERE is_disabled = 0 AND username IN ('agent', 'agent2', 'engineer')",
    );
    expect(staff).toHaveLength(3);
    const now = new Date();
    // Due in a moment, so that all are committed before any runner finds them due.
    const sendAt = new Date(now.getTime() + 1500);
    await database.db.transaction().execute(async (trx) => {
      for (let index = 0; index < reminderCount; index++)
        await notify(trx, {
          event: 'notify.escalation',
          companyId: staff[0].company_id,
          recipients: [{ kind: 'staff', staffId: staff[index % staff.length].id }],
          params: { subject: `集群提醒 #${index}`, dueAt: '09:00' },
          sendAt,
          now,
        });
    });
    const inbox = () =>
      cluster.database.query<{ title: string; n: string }>(
        "SELECT title, count(*) AS n FROM notify_inbox WHERE title LIKE '%集群提醒 #%' GROUP BY title",
      );
    await waitFor('every reminder delivered', async () => (await inbox()).length === reminderCount, 60_000);
    // A second look a poll or two later: nothing arrives twice.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const delivered = await inbox();
    expect(delivered).toHaveLength(reminderCount);
    expect(delivered.filter((row) => Number(row.n) !== 1)).toEqual([]);
    const owners = await cluster.database.query<{ lease_owner: string | null; n: string }>(
      "SELECT lease_owner, count(*) AS n FROM jobs WHERE kind = 'notify.deliver' AND status = 'done' GROUP BY lease_owner",
    );
    // Each runner names itself host:pid: more than one instance took a share of the batch.
    expect(owners.filter((row) => row.lease_owner).length).toBeGreaterThan(1);
  });
});
