/**
 * npm run bench:workorders — issue 18's work-order figures. Prints on stdout:
 *   work_orders: N              orders in one estate (BENCH_ORDERS, default 1,000,000), most of them closed
 *   breaches: B                 open orders past a deadline and not yet escalated (BENCH_BREACHES, default 1,000)
 *   sla_find_s: X               findSlaBreaches: every breach of both clocks found (median of 5; target < 1)
 *   sla_sweep_s: Y              sweepSlaBreaches: every breach found, marked, noticed to the heads and pushed live
 *   workorder_list_p99_ms: Z    the agent's list (page 1, newest first) through the real route (target < 50)
 *   engineer_list_p99_ms: W     an engineer's own and team's orders through the real route
 * SQLite in a temporary file, or PostgreSQL when TEST_DATABASE_URL is a postgres:// address.
 */
const { newId } = await import('../server/platform/db/ids.js');
const { buildOrg, buildStaff } = await import('../server/testing/factories.js');
const { buildTestApp, signIn } = await import('../server/testing/test-app.js');
const { createTestDatabase } = await import('../server/testing/test-database.js');
const { findSlaBreaches, sweepSlaBreaches, workOrderSearchFields } = await import(
  '../server/modules/workorders/index.js'
);
const { buildServiceDepartment } = await import('../server/modules/calls/testing/index.js');
const { createDepartment } = await import('../server/modules/org/index.js');

const orderCount = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const breachCount = Number(process.env.BENCH_BREACHES ?? 1_000);
const reads = Number(process.env.BENCH_READS ?? 200);
const log = (text: string) => process.stderr.write(`${text}\n`);
const figure = (key: string, value: number) => process.stdout.write(`${key}: ${value}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const database = await createTestDatabase();
const db = database.db;
try {
  const now = new Date('2026-12-07T02:00:00.000Z');
  const org = await buildOrg(db, now);
  const { agent } = await buildServiceDepartment(db, org, now);
  const team = await createDepartment(db, { actor: org.system, name: '工程部', headStaffId: null, now });
  const engineers: Awaited<ReturnType<typeof buildStaff>>[] = [];
  for (let index = 0; index < 20; index++)
    engineers.push(
      await buildStaff(db, org, {
        departmentId: index < 10 ? team.id : null,
        roles: [{ role: 'engineer', projectId: org.estateProjectId }],
      }),
    );
  log(`inserting ${orderCount} work orders…`);
  const started = Date.now();
  const batch = 500;
  const day = 86_400_000;
  for (let offset = 0; offset < orderCount; offset += batch * 20) {
    await db.transaction().execute(async (trx) => {
      for (let chunk = offset; chunk < Math.min(orderCount, offset + batch * 20); chunk += batch) {
        const rows = [];
        for (let index = chunk; index < Math.min(orderCount, chunk + batch); index++) {
          // Oldest first, one every ~30 s over the past year; the last `breachCount` open and past due.
          const createdAt = new Date(now.getTime() - (orderCount - index) * 30_000);
          const open = index >= orderCount - breachCount * 3;
          const breachable = index >= orderCount - breachCount * 3 && index < orderCount - breachCount * 2;
          const at = createdAt.toISOString();
          const due = (ms: number) => new Date(createdAt.getTime() + ms).toISOString();
          const order = {
            id: newId(),
            companyId: org.companyId,
            projectId: org.estateProjectId,
            number: `WO-${String(index + 1).padStart(7, '0')}`,
            category: (['repair', 'complaint', 'inquiry'] as const)[index % 3]!,
            urgency: index % 5 === 0 ? ('urgent' as const) : ('normal' as const),
            status: open ? ('assigned' as const) : ('closed' as const),
            source: 'call' as const,
            buildingText: `${(index % 30) + 1}栋`,
            doorText: `${(index % 4) + 1}单元`,
            unitText: `${(index % 28) + 1}0${(index % 4) + 1}`,
            unitId: null,
            residentId: null,
            description: '卫生间漏水',
            callerName: '业主',
            callerPhone: `+86139${String(index).padStart(8, '0')}`,
            callId: null,
            incidentId: null,
            teamId: team.id,
            assigneeId: engineers[index % 20]!.staffId,
            createdBy: agent.staffId,
            createdAt: at,
            assignedAt: at,
            acceptedAt: open ? null : due(600_000),
            onSiteAt: open ? null : due(1_800_000),
            doneAt: open ? null : due(3_600_000),
            doneNote: '',
            callbackAt: null,
            callbackBy: null,
            satisfaction: open ? null : 5,
            callbackComment: '',
            closedAt: open ? null : due(day),
            reopenCount: 0,
            // Breachable ones were due before now; the other open ones are due in the future.
            respondDueAt: breachable
              ? due(1_800_000)
              : open
                ? new Date(now.getTime() + day).toISOString()
                : due(1_800_000),
            finishDueAt: breachable
              ? due(4 * 3_600_000)
              : open
                ? new Date(now.getTime() + 3 * day).toISOString()
                : due(3 * day),
            respondBreachedAt: null,
            finishBreachedAt: null,
            updatedAt: at,
          };
          rows.push({ ...order, ...workOrderSearchFields(order) });
        }
        await trx.insertInto('workOrders').values(rows).execute();
      }
    });
    if (offset % 100_000 === 0) log(`  ${offset} (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  figure('work_orders', orderCount);
  const sweepAt = new Date(now.getTime() + 60_000);
  const found = await findSlaBreaches(db, sweepAt);
  figure('breaches', found.length);
  const finds = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    await findSlaBreaches(db, sweepAt);
    finds.push((performance.now() - start) / 1000);
  }
  figure('sla_find_s', Number(percentile(finds, 50).toFixed(3)));

  const app = await buildTestApp(database, { now: () => sweepAt, set: () => {}, advance: () => {} });
  const timed = async (username: string) => {
    const session = await signIn(app, username);
    const times = [];
    for (let run = 0; run < reads; run++) {
      const start = performance.now();
      const response = await session.request(
        'GET',
        `/api/work-orders?projectId=${org.estateProjectId}&page=1&pageSize=20`,
      );
      times.push(performance.now() - start);
      if (response.statusCode !== 200) throw new Error(response.body);
    }
    return Number(percentile(times, 99).toFixed(2));
  };
  figure('workorder_list_p99_ms', await timed(agent.username));
  figure('engineer_list_p99_ms', await timed(engineers[3]!.username));

  const start = performance.now();
  const { escalated } = await sweepSlaBreaches(db, { now: sweepAt });
  figure('sla_sweep_s', Number(((performance.now() - start) / 1000).toFixed(3)));
  log(`escalated ${escalated} breaches`);
  await app.close();
} finally {
  await database.drop();
}
