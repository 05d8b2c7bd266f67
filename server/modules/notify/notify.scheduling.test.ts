import { describe, expect, it } from 'vitest';
import { buildStaff } from '../../testing/factories.js';
import { verifyAuditChain } from '../audit/index.js';
import {
  addWorkingDays,
  cancelEscalation,
  cancelNotifications,
  isPublicHoliday,
  isWorkingDay,
  registerEscalationCheck,
  reminderSendTimes,
  scheduleEscalation,
} from './index.js';
import { params, useNotifyFixture } from './testing/notify-fixture.js';

describe('notify: working days, deduplication, cancelling and escalation', () => {
  const f = useNotifyFixture();

  it('SA-14/SA-16 holiday handling: working days follow the State Council calendar, make-up days included', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day
    expect(isPublicHoliday('2026-10-05')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up working day (调休)
    expect(isWorkingDay('2026-11-28')).toBe(false); // ordinary Saturday
    expect(isPublicHoliday('2026-11-28')).toBe(false);
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    // T-5 and T-2 before 2026-10-06 fall on 10-01 and 10-04 (holidays) → previous working day 09-30 (merged).
    const times = reminderSendTimes({
      dueDate: '2026-10-06',
      offsetsDays: [5, 2],
      time: '09:00',
      onNonWorkingDay: 'previous_working_day',
    });
    expect(times.map((item) => item.sendAt.toISOString())).toEqual(['2026-09-30T01:00:00.000Z']);
    const sa16 = reminderSendTimes({
      dueDate: '2026-12-10',
      offsetsDays: [7, 3, 1],
      time: '09:30',
      onNonWorkingDay: 'next_working_day',
    });
    expect(sa16.map((item) => item.sendAt.toISOString())).toEqual([
      '2026-12-03T01:30:00.000Z',
      '2026-12-07T01:30:00.000Z',
      '2026-12-09T01:30:00.000Z',
    ]);
  });

  it('deduplicates by key and cancels queued reminders by prefix', async () => {
    const person = await buildStaff(f.database.db, f.org);
    const sendAt = new Date('2026-11-30T01:00:00.000Z');
    const first = await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    const again = await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    expect(again).toEqual({ ...first, deduplicated: true });
    await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-2',
    });
    await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:420:T-2',
    });
    const cancelled = await f.database.db
      .transaction()
      .execute((trx) => cancelNotifications(trx, { dedupeKeyPrefix: 'deal:42:' }));
    expect(cancelled).toBe(2);
    f.clock.set('2026-11-30T02:00:00.000Z');
    await f.runner.runUntilIdle();
    expect(await f.inboxOf(person.staffId)).toHaveLength(1); // only deal 420's
    // A cancelled key can be scheduled again (the deal's date moved).
    const rescheduled = await f.send({
      event: 'test.paymentDue',
      recipients: [{ kind: 'staff', staffId: person.staffId }],
      params,
      sendAt,
      dedupeKey: 'deal:42:T-5',
    });
    expect(rescheduled.deduplicated).toBe(false);
  });

  it('CS-3 escalation: notifies when still unhandled at the due time, not when handled', async () => {
    const head = await buildStaff(f.database.db, f.org);
    const handled = new Set<string>();
    registerEscalationCheck('test.message', async (_db, key) => !handled.has(key));
    const schedule = (key: string) =>
      f.database.db.transaction().execute((trx) =>
        scheduleEscalation(trx, {
          key,
          dueAt: new Date('2026-11-27T02:30:00.000Z'),
          check: 'test.message',
          notifyStaffIds: [head.staffId],
          event: 'notify.escalation',
          params: { subject: `留言 ${key}`, dueAt: '10:30' },
          now: f.clock.now(),
        }),
      );
    await schedule('m1');
    await schedule('m2');
    await schedule('m3');
    handled.add('m2');
    await f.database.db.transaction().execute((trx) => cancelEscalation(trx, 'm3'));
    f.clock.set('2026-11-27T02:31:00.000Z');
    await f.runner.runUntilIdle();
    await f.runner.runUntilIdle();
    const inbox = await f.inboxOf(head.staffId);
    expect(inbox.map((row) => row.title)).toEqual(['待办超时:留言 m1']);
    // Each escalation's life is in the audit log on its own: opened, then escalated or closed.
    const audit = await f.database.db
      .selectFrom('auditLog')
      .select(['entityId', 'action', 'actorName', 'afterJson'])
      .where('entityType', '=', 'escalation')
      .where('entityId', 'in', ['m1', 'm2', 'm3'])
      .orderBy('seq')
      .execute();
    const lifeOf = (key: string) =>
      audit
        .filter((row) => row.entityId === key)
        .map(
          (row) => `${row.action}:${(JSON.parse(row.afterJson ?? '{}') as { reason?: string }).reason ?? ''}`,
        );
    expect(lifeOf('m1')).toEqual(['open:', 'escalate:']);
    expect(lifeOf('m2')).toEqual(['open:', 'close:handled_by_due_time']);
    expect(lifeOf('m3')).toEqual(['open:', 'close:handled']);
    expect(audit.every((row) => row.actorName === 'system')).toBe(true);
    // Scheduling an open key again is not a second opening; cancelling a closed one is not a second closing.
    await schedule('m1');
    await f.database.db.transaction().execute((trx) => cancelEscalation(trx, 'm3'));
    const again = await f.database.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entityType', '=', 'escalation')
      .where('entityId', 'in', ['m1', 'm3'])
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(4);
    expect((await verifyAuditChain(f.database.db)).ok).toBe(true);
    const unknownCheck = await f.database.db
      .transaction()
      .execute((trx) =>
        scheduleEscalation(trx, {
          key: 'x',
          dueAt: f.clock.now(),
          check: 'nope',
          notifyStaffIds: [head.staffId],
          event: 'notify.escalation',
          params: { subject: 's', dueAt: 'd' },
        }),
      )
      .catch((error) => error);
    expect(unknownCheck.code).toBe('UNKNOWN_ESCALATION_CHECK');
  });
});
