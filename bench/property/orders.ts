import type SqliteDatabase from 'better-sqlite3';
import { type SettingKey, settingDefinitions } from '../../server/modules/settings/index.js';
import { workOrderSearchFields } from '../../server/modules/workorders/index.js';
import { newOrderedId } from '../../server/platform/jobs/index.js';
import { assertSameShape, bulkWriter, iso, type Random } from './bulk.js';
import type { Household } from './register.js';
import type { Estate, TemplateRows } from './setup.js';

// Three years of work orders of bench:property's estates, oldest first, written as the use cases
// leave them (create-work-order.ts, steps.ts, sla-sweep.ts): numbered per estate, SLA deadlines
// from the default settings of the category × urgency, assigned to the engineers' team or an
// engineer, accepted, on site, done, called back with a score and closed at realistic intervals;
// what has not happened by `now` has not happened, so recent orders are open. A few orders got
// stuck (never finished): open and long overdue. Every deadline already passed carries the
// sweep's breach mark, except the `planted` ones: the breaches the timed sweep must find.

const minute = 60_000;
const day = 86_400_000;
const descriptions = {
  repair: [
    '卫生间漏水',
    '厨房水槽下水管堵塞',
    '楼道灯不亮',
    '电梯异响',
    '入户门锁坏了',
    '阳台排水不畅',
    '外墙渗水',
    '空调外机支架松动',
  ],
  complaint: [
    '楼上夜间装修噪音',
    '地下车库有人乱停车',
    '垃圾清运不及时',
    '宠物狗在电梯里便溺',
    '保安态度不好',
  ],
  inquiry: ['物业费缴纳方式', '装修申请需要哪些材料', '快递柜在哪里', '停车月卡怎么办理', '门禁卡补办'],
} as const;
type Category = keyof typeof descriptions;

function slaMinutes(category: Category, urgency: 'urgent' | 'normal') {
  const minutes = (clock: 'respond' | 'finish') =>
    Number(
      settingDefinitions[`workorders.sla.${category}.${urgency}.${clock}Minutes` as SettingKey].defaultValue,
    );
  return { respond: minutes('respond'), finish: minutes('finish') };
}

export interface OrdersResult {
  orders: number;
  /** Breaches the sweep must find: [order, clock] pairs whose deadline passed without a mark. */
  planted: number;
  /** Open orders whose deadline passed (and was marked already). */
  overdue: number;
}

export function storeOrders(
  sqlite: SqliteDatabase.Database,
  options: {
    estates: Estate[];
    households: Map<string, Household[]>;
    total: number;
    planted: number;
    template: TemplateRows;
    agents: string[];
    engineers: string[];
    teamId: string;
    now: number;
    random: Random;
    log: (text: string) => void;
  },
): OrdersResult {
  const { estates, template, random, now } = options;
  const columns = Object.keys(template.order);
  const writer = bulkWriter(sqlite, 'work_orders', columns);
  // Numbers go on from each estate's counter (the demo's and the template's orders have theirs).
  const counted = sqlite.prepare('SELECT last_number FROM work_order_counters WHERE project_id = ?');
  const numbers = new Map(
    estates.map((estate) => [
      estate.id,
      Number((counted.get(estate.id) as { last_number: number } | undefined)?.last_number ?? 0),
    ]),
  );
  const first = now - 3 * 365 * day;
  const span = now - first;
  let planted = 0;
  let plantedFinish = 0;
  let overdue = 0;
  let checked = false;

  const orderRow = (index: number) => {
    // Oldest first, evenly spread with a little jitter (ids are time-ordered like the use case's).
    const createdAt = Math.min(
      now - minute,
      first + Math.floor((index / options.total) * span) + random.below(20_000),
    );
    const roll = random.next();
    const estate =
      estates.find((_, at) => roll < estates.slice(0, at + 1).reduce((sum, e) => sum + e.weight, 0)) ??
      estates[0]!;
    const number = (numbers.get(estate.id) ?? 0) + 1;
    numbers.set(estate.id, number);
    const category: Category = random.chance(0.6) ? 'repair' : random.chance(0.5) ? 'complaint' : 'inquiry';
    const urgency = random.chance(0.1) ? 'urgent' : 'normal';
    const sla = slaMinutes(category, urgency);
    const source = random.chance(0.7)
      ? 'call'
      : random.pick(['walk_in', 'staff', 'walk_in', 'emergency'] as const);
    const household = random.pick(options.households.get(estate.id)!);
    const caller = household.callers.length && random.chance(0.85) ? random.pick(household.callers) : null;
    const toTeam = random.chance(0.3);
    const respondDue = createdAt + sla.respond * minute;
    const finishDue = createdAt + sla.finish * minute;
    // The order's life as it would go; each step happens only if its time has come by `now`.
    const assigned = createdAt + (1 + random.below(15)) * minute;
    const accepted =
      assigned + Math.floor(random.next() * (random.chance(0.9) ? 0.8 : 2) * sla.respond * minute);
    const onSite = accepted + (10 + random.below(50)) * minute;
    const done =
      onSite + Math.floor(random.next() * (random.chance(0.92) ? 0.7 : 1.5) * (finishDue - onSite));
    const calledBack = done + (2 + random.below(46)) * 3_600_000;
    const closed = calledBack + random.below(3) * minute;
    // One order in 200 got stuck at a step long ago; the recent ones may be planted breaches.
    const recent = now - createdAt < 7 * day;
    let stuckAfter = random.chance(0.005) ? random.below(4) : 9;
    let plant: 'respond' | 'finish' | null = null;
    if (recent && planted < options.planted && random.chance(0.2)) {
      // Respond clock passed, not accepted: a normal repair 4-48 h old; finish passed: an urgent one, accepted.
      if (
        plantedFinish * 2 < options.planted &&
        urgency === 'urgent' &&
        finishDue <= now &&
        accepted <= now
      ) {
        plant = 'finish';
        stuckAfter = 2;
      } else if (urgency === 'normal' && respondDue <= now && finishDue > now) {
        plant = 'respond';
        stuckAfter = 1;
      }
    }
    const happened = (step: number, at: number) => step < stuckAfter && at <= now;
    const isAssigned = happened(0, assigned);
    const isAccepted = isAssigned && happened(1, accepted);
    const isOnSite = isAccepted && happened(2, onSite);
    const isDone = isOnSite && happened(3, done);
    const isCalledBack = isDone && happened(4, calledBack);
    const isClosed = isCalledBack && happened(5, closed);
    const status = isClosed
      ? 'closed'
      : isCalledBack
        ? 'callback'
        : isDone
          ? 'done'
          : isOnSite
            ? 'on_site'
            : isAccepted
              ? 'accepted'
              : isAssigned
                ? 'assigned'
                : 'new';
    // The sweep marked each deadline passed before its clock stopped, within its minute.
    const breachMark = (due: number, stoppedAt: number | null, clock: 'respond' | 'finish') => {
      if ((stoppedAt !== null && stoppedAt <= due) || due > now) return null;
      if (plant === clock) return null;
      if (stoppedAt === null) overdue += 1;
      return iso(Math.min(now, due + random.below(minute)));
    };
    if (plant === 'respond') planted += 1;
    if (plant === 'finish') {
      planted += 1;
      plantedFinish += 1;
    }
    const staffAt = (at: number | null) => (at === null ? null : iso(at));
    const row: Record<string, unknown> = {
      id: newOrderedId(createdAt),
      company_id: template.order.company_id,
      project_id: estate.id,
      number: `WO-${String(number).padStart(6, '0')}`,
      category,
      urgency,
      status,
      source,
      building_text: household.buildingName,
      door_text: household.doorName,
      unit_text: household.room,
      unit_id: null,
      resident_id: null,
      description: random.pick(descriptions[category]),
      caller_name: caller?.name ?? '',
      caller_phone: caller?.phone ?? '',
      call_id: null,
      incident_id: null,
      team_id: isAssigned ? options.teamId : null,
      assignee_id: isAssigned && !toTeam ? random.pick(options.engineers) : null,
      created_by: random.pick(options.agents),
      created_at: iso(createdAt),
      assigned_at: staffAt(isAssigned ? assigned : null),
      accepted_at: staffAt(isAccepted ? accepted : null),
      on_site_at: staffAt(isOnSite ? onSite : null),
      done_at: staffAt(isDone ? done : null),
      done_note: isDone ? '已处理' : '',
      callback_at: staffAt(isCalledBack ? calledBack : null),
      callback_by: isCalledBack ? random.pick(options.agents) : null,
      satisfaction: isCalledBack ? [5, 5, 5, 4, 4, 3, 2][random.below(7)]! : null,
      callback_comment: '',
      closed_at: staffAt(isClosed ? closed : null),
      reopen_count: 0,
      respond_due_at: iso(respondDue),
      finish_due_at: iso(finishDue),
      respond_breached_at: breachMark(respondDue, isAccepted ? accepted : null, 'respond'),
      finish_breached_at: breachMark(finishDue, isDone ? done : null, 'finish'),
      updated_at: iso(
        isClosed
          ? closed
          : isCalledBack
            ? calledBack
            : isDone
              ? done
              : isOnSite
                ? onSite
                : isAccepted
                  ? accepted
                  : isAssigned
                    ? assigned
                    : createdAt,
      ),
    };
    // The search columns as the use case writes them (the FTS5 index follows by trigger).
    const search = workOrderSearchFields({
      number: row.number as string,
      callerName: row.caller_name as string,
      callerPhone: row.caller_phone as string,
      buildingText: row.building_text as string,
      doorText: row.door_text as string,
      unitText: row.unit_text as string,
      description: row.description as string,
    });
    row.search_text = search.searchText;
    row.search_bigrams = search.searchBigrams;
    if (!checked) assertSameShape('work_orders', template.order, row);
    checked = true;
    return row;
  };

  const batch = 50_000;
  const write = sqlite.transaction((from: number, to: number) => {
    for (let index = from; index < to; index++) writer.add(orderRow(index));
    writer.flush();
  });
  for (let from = 0; from < options.total; from += batch) {
    write(from, Math.min(options.total, from + batch));
    if ((from / batch) % 4 === 3) options.log(`  ${from + batch} orders stored`);
  }
  // The per-estate counters, so the next order made on the desk takes the next number.
  const counter = sqlite.prepare(
    'INSERT INTO work_order_counters (project_id, last_number) VALUES (?, ?) ON CONFLICT (project_id) DO UPDATE SET last_number = excluded.last_number',
  );
  sqlite.transaction(() => {
    for (const [projectId, last] of numbers) if (last > 0) counter.run(projectId, last);
  })();
  return { orders: writer.written(), planted, overdue };
}
