import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { StaffNames } from '../customers.people.js';
import * as queries from '../customers.queries.js';
import { classifySearch, shanghaiDay, shanghaiDayBounds } from '../customers.rules.js';
import { customerColumns, customerVisibility } from '../customers.scope.js';
import {
  assertSalesProject,
  type CustomerView,
  customerEntity,
  phoneMaskStyle,
  salesRoles,
  toCustomerView,
} from '../customers.service.js';
import { findFollowUps } from './follow-ups.js';

export interface CustomerListQuery {
  projectId: string;
  /** mine: the caller's own customers; all: every customer the owner scope lets them see. */
  scope: 'mine' | 'all';
  q?: string;
  ownerStaffId?: string;
  category?: 'normal' | 'key';
  sourceChannelId?: string;
  createdFrom?: string;
  createdTo?: string;
  sort: queries.CustomerSortKey;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** Lists customers with numbers masked, filtered in SQL by the owner scope (a consultant lists their own). */
export async function findCustomers(
  db: Db,
  actor: Actor,
  query: CustomerListQuery,
): Promise<{ items: CustomerView[]; total: number }> {
  const scope = customerVisibility(actor);
  scope.assertProject(query.projectId, customerEntity);
  const search = query.q ? classifySearch(query.q) : null;
  const filter: queries.CustomerFilter = {
    projectId: query.projectId,
    visible: scope.condition(customerColumns),
    ownerStaffId: query.scope === 'mine' ? actor.staffId : query.ownerStaffId,
    category: query.category,
    sourceChannelId: query.sourceChannelId,
    search,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
  };
  // The access check, the page and the mask setting go to the database together (on PostgreSQL
  // over separate connections): nothing read is returned unless the check passes.
  const [, page, maskStyle] = await Promise.all([
    assertSalesProject(db, actor, query.projectId, [...salesRoles, 'dpo']),
    search?.kind === 'phone'
      ? findByWholePhone(db, filter, search.value, query.offset)
      : queries.findCustomerPage(db, filter, query).then(async (found) => ({
          ...found,
          phones: await queries.findPhonesOfCustomers(
            db,
            found.rows.map((row) => row.id),
          ),
        })),
    phoneMaskStyle(db, actor, query.projectId),
  ]);
  const { rows, total, phones } = page;
  const names = new StaffNames(db, actor);
  const items: CustomerView[] = [];
  for (const row of rows)
    items.push(
      await toCustomerView(row, phones.get(row.id) ?? [], { actor, maskStyle, names, revealWhole: false }),
    );
  return { items, total };
}

/** The one customer holding a whole number (the book's search by phone), as a page of at most one. */
async function findByWholePhone(db: Db, filter: queries.CustomerFilter, e164: string, offset: number) {
  const found = await queries.findCustomerWithPhonesByPhone(db, filter, e164);
  const phones = new Map<string, queries.PhoneRow[]>(found ? [[found.row.id, found.phones]] : []);
  return { rows: found && offset === 0 ? [found.row] : [], total: found ? 1 : 0, phones };
}

/**
 * The consultant's book (《客户登记本》) for today: who called and who visited (SA-1.4, SA-10),
 * and the follow-ups due (SA-2). "My customers" is the paged list from findCustomers.
 */
export async function getCustomerBook(db: Db, options: { actor: Actor; projectId: string; now: Date }) {
  const { actor, projectId, now } = options;
  const scope = customerVisibility(actor);
  scope.assertProject(projectId, customerEntity);
  await assertSalesProject(db, actor, projectId);
  const day = shanghaiDay(now);
  const { start, end } = shanghaiDayBounds(day);
  const served = await queries.findServedCustomerIds(db, {
    actorId: actor.staffId,
    projectId,
    kinds: ['call', 'visit'],
    from: start,
    to: end,
  });
  const ids = [...new Set(served.map((event) => event.customerId))];
  // A call or visit of another consultant's protected customer is served, but not shown in this book.
  const visible = await queries.findVisibleCustomerRows(db, ids, scope.condition(customerColumns));
  const byId = new Map(visible.map((row) => [row.id, row]));
  // Most recently served first, as the events came.
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  const phones = await queries.findPhonesOfCustomers(
    db,
    rows.map((row) => row.id),
  );
  const maskStyle = await phoneMaskStyle(db, actor, projectId);
  const names = new StaffNames(db, actor);
  const callers: Array<CustomerView & { servedAt: string }> = [];
  const visitors: Array<CustomerView & { servedAt: string }> = [];
  for (const row of rows) {
    const view = await toCustomerView(row, phones.get(row.id) ?? [], {
      actor,
      maskStyle,
      names,
      revealWhole: false,
    });
    const call = served.find((event) => event.customerId === row.id && event.kind === 'call');
    const visit = served.find((event) => event.customerId === row.id && event.kind === 'visit');
    if (call) callers.push({ ...view, servedAt: call.at });
    if (visit) visitors.push({ ...view, servedAt: visit.at });
  }
  const page = { offset: 0, limit: 100 };
  const [dueToday, overdue] = await Promise.all([
    findFollowUps(db, { actor, projectId, scope: 'today', staffId: actor.staffId, now, ...page }),
    findFollowUps(db, { actor, projectId, scope: 'overdue', staffId: actor.staffId, now, ...page }),
  ]);
  const dueIds = new Set(dueToday.items.map((item) => item.id));
  return {
    day,
    callers,
    visitors,
    dueFollowUps: [...overdue.items.filter((item) => !dueIds.has(item.id)), ...dueToday.items],
  };
}
