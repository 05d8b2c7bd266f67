import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.js';
import type { TestOrg } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { buildCustomerInput, buildSalesOffice, freshMobile } from './testing/index.js';
import { findCustomers, getCustomerBook } from './use-cases/find-customers.js';
import { findFollowUps, planFollowUp } from './use-cases/follow-ups.js';
import { registerCustomer } from './use-cases/register-customer.js';
import { createSourceChannel, findSourceChannels } from './use-cases/source-channels.js';

let database: TestDatabase;
let org: TestOrg;
let consultantA: Actor;
let consultantB: Actor;
let manager: Actor;
const now = new Date('2026-11-27T02:00:00.000Z');

beforeAll(async () => {
  database = await createTestDatabase();
  ({ org, consultantA, consultantB, manager } = await buildSalesOffice(database.db, now));
});

afterAll(async () => {
  await database.drop();
});

describe('follow-ups and the book', () => {
  it('SA-2 plans a follow-up with theme and channel, queues its reminder, and lists today and overdue', async () => {
    const { customer } = await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '回访客户', phones: [freshMobile()] }),
      now,
    });
    const dueToday = await planFollowUp(database.db, {
      actor: consultantA,
      customerId: customer.id,
      plannedAt: new Date('2026-11-27T08:00:00Z'),
      theme: '介绍优惠',
      channel: 'wechat',
      now,
    });
    await planFollowUp(database.db, {
      actor: consultantA,
      customerId: customer.id,
      plannedAt: new Date('2026-11-27T01:00:00Z'),
      theme: '确认来访',
      channel: 'phone',
      now,
    });
    const reminders = await database.db
      .selectFrom('notifications')
      .selectAll()
      .where('event', '=', 'customers.followUpDue')
      .execute();
    expect(reminders.some((row) => row.sendAt === '2026-11-27T07:45:00.000Z')).toBe(true);
    const today = await findFollowUps(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      scope: 'today',
      now,
      offset: 0,
      limit: 50,
    });
    expect(today.items.map((item) => item.id)).toContain(dueToday.id);
    const overdue = await findFollowUps(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      scope: 'overdue',
      now,
      offset: 0,
      limit: 50,
    });
    expect(
      overdue.items.some((item) => item.theme === '确认来访' && item.isOverdue && item.staffName === '张伟'),
    ).toBe(true);
    const book = await getCustomerBook(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      now,
    });
    expect(book.dueFollowUps.map((item) => item.theme)).toEqual(
      expect.arrayContaining(['介绍优惠', '确认来访']),
    );
    await expect(
      planFollowUp(database.db, {
        actor: consultantB,
        customerId: customer.id,
        plannedAt: now,
        theme: 'x',
        channel: 'phone',
        now,
      }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it('searches the book by name, pinyin initials and the last four digits', async () => {
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '欧阳娜娜', phones: ['13698764321'] }),
      now,
    });
    const search = async (q: string) =>
      (
        await findCustomers(database.db, consultantA, {
          projectId: org.salesProjectId,
          scope: 'mine',
          q,
          sort: 'createdAt',
          order: 'desc',
          offset: 0,
          limit: 20,
        })
      ).items.map((item) => item.name);
    expect(await search('欧阳')).toEqual(['欧阳娜娜']);
    expect(await search('oynn')).toEqual(['欧阳娜娜']);
    expect(await search('4321')).toEqual(['欧阳娜娜']);
    expect(
      (
        await findCustomers(database.db, consultantB, {
          projectId: org.salesProjectId,
          scope: 'all',
          q: '4321',
          sort: 'createdAt',
          order: 'desc',
          offset: 0,
          limit: 20,
        })
      ).items,
    ).toEqual([]);
  });

  it('finds a customer by a whole number in any spelling, with all their numbers masked, only in the right book', async () => {
    await registerCustomer(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      input: buildCustomerInput({ name: '司马相如', phones: ['13755551234', '0755-86001234'] }),
      now,
    });
    const byPhone = (actor: typeof consultantA, q: string, offset = 0) =>
      findCustomers(database.db, actor, {
        projectId: org.salesProjectId,
        scope: 'all',
        q,
        sort: 'createdAt',
        order: 'desc',
        offset,
        limit: 20,
      });
    const found = await byPhone(consultantA, '+86 0755 8600 1234');
    expect(found.total).toBe(1);
    expect(found.items.map((item) => item.name)).toEqual(['司马相如']);
    expect(found.items[0].phoneDetails.map((phone) => [phone.kind, phone.tail4, phone.isMasked])).toEqual([
      ['mobile', '1234', true],
      ['landline', '1234', true],
    ]);
    expect(found.items[0].phones[0]).not.toContain('5555');
    expect(await byPhone(consultantA, '137-5555-1234', 20)).toEqual({ items: [], total: 1 });
    expect(await byPhone(consultantB, '13755551234')).toEqual({ items: [], total: 0 });
    expect((await byPhone(manager, '13755551234')).total).toBe(1);
  });
});

describe('source channels', () => {
  it('starts from the usual list and lets a manager add one', async () => {
    const channels = await findSourceChannels(database.db, {
      actor: consultantA,
      projectId: org.salesProjectId,
      now,
    });
    expect(channels.map((channel) => channel.name)).toContain('朋友介绍');
    await createSourceChannel(database.db, {
      actor: manager,
      projectId: org.salesProjectId,
      name: '抖音',
      sortOrder: 20,
      now,
    });
    await expect(
      createSourceChannel(database.db, {
        actor: consultantA,
        projectId: org.salesProjectId,
        name: '小红书',
        sortOrder: 1,
        now,
      }),
    ).rejects.toThrow(/FORBIDDEN/);
  });
});
