import type {
  ConsultantFigure,
  SalesFigures,
  SourceFigure,
  TrendPoint,
} from '../../../contracts/dashboard.js';
import type { Db } from '../../platform/db/database.js';
import { findRegisteredCustomerFigures, findSourceChannelsOfCustomers } from '../customers/index.js';
import { findDealFigures } from '../deals/index.js';
import { findReceptionFigures } from '../reception/index.js';
import * as queries from './dashboard.queries.js';
import { conversionPercent, monthsOf, shanghaiDayRange } from './dashboard.rules.js';

export interface FigureQuery {
  projectIds: string[];
  fromDay: string;
  toDay: string;
  /** Only these staff's figures (a team, or a consultant's own); undefined: everyone's. */
  staffIds?: string[];
  /** Whether the projects' monthly targets apply (not to a team's or one consultant's figures). */
  withTargets: boolean;
}

export interface ComputedFigures {
  figures: SalesFigures;
  /** By source channel id ('' for none): calls and visits. */
  sources: Map<string, { calls: number; visits: number }>;
  consultants: Map<string, Omit<ConsultantFigure, 'staffId' | 'name' | 'conversionPercent'>>;
  trend: TrendPoint[];
}

function consultantRow(map: ComputedFigures['consultants'], staffId: string) {
  let row = map.get(staffId);
  if (!row) {
    row = { deals: 0, amountFen: 0, visits: 0, calls: 0 };
    map.set(staffId, row);
  }
  return row;
}

/**
 * Every figure of the dashboard from six grouped reads (calls, visits, customers, and the deals'
 * stages in parallel) and, when asked, the visitors' source channels in batches of 500.
 */
export async function computeFigures(
  db: Db,
  query: FigureQuery,
  options: { visitSources: boolean },
): Promise<ComputedFigures> {
  const { projectIds, fromDay, toDay, staffIds } = query;
  const { fromIso, toIso } = shanghaiDayRange(fromDay, toDay);
  const [reception, registered, deals, targets] = await Promise.all([
    findReceptionFigures(db, { projectIds, fromDay, toDay, staffIds }),
    findRegisteredCustomerFigures(db, { projectIds, fromIso, toIso, ownerStaffIds: staffIds }),
    findDealFigures(db, { projectIds, fromDay, toDay, fromIso, toIso, consultantIds: staffIds }),
    query.withTargets ? queries.findTargets(db, projectIds, monthsOf(fromDay, toDay)) : Promise.resolve([]),
  ]);
  const sum = (rows: Array<{ count: number }>) => rows.reduce((total, row) => total + row.count, 0);

  const sources = new Map<string, { calls: number; visits: number }>();
  const consultants: ComputedFigures['consultants'] = new Map();
  const trendByDay = new Map<string, TrendPoint>();
  const point = (day: string) => {
    let found = trendByDay.get(day);
    if (!found) {
      found = { day, calls: 0, visits: 0, agreements: 0 };
      trendByDay.set(day, found);
    }
    return found;
  };
  for (const row of reception.calls) {
    const source = sources.get(row.sourceChannelId ?? '') ?? { calls: 0, visits: 0 };
    source.calls += row.count;
    sources.set(row.sourceChannelId ?? '', source);
    consultantRow(consultants, row.staffId).calls += row.count;
    point(row.day).calls += row.count;
  }
  const channelOf = options.visitSources
    ? await findSourceChannelsOfCustomers(
        db,
        reception.visits.map((visit) => visit.customerId),
      )
    : new Map<string, string | null>();
  for (const visit of reception.visits) {
    if (options.visitSources) {
      const key = channelOf.get(visit.customerId) ?? '';
      const source = sources.get(key) ?? { calls: 0, visits: 0 };
      source.visits += 1;
      sources.set(key, source);
    }
    consultantRow(consultants, visit.staffId).visits += 1;
    point(visit.day).visits += 1;
  }
  let agreements = 0;
  let unitsSold = 0;
  let amountFen = 0;
  for (const row of deals.agreements) {
    agreements += row.count;
    unitsSold += row.approved;
    amountFen += row.approvedFen;
    const consultant = consultantRow(consultants, row.consultantId);
    consultant.deals += row.approved;
    consultant.amountFen += row.approvedFen;
    point(row.day).agreements += row.count;
  }
  const hasTargets = targets.length > 0;
  const figures: SalesFigures = {
    calls: sum(reception.calls),
    visits: reception.visits.length,
    registered: sum(registered),
    plans: sum(deals.plans),
    deposits: sum(deals.deposits),
    agreements,
    contracts: sum(deals.contracts),
    paid: sum(deals.paid),
    unitsSold,
    amountFen,
    targetUnits: hasTargets ? targets.reduce((total, row) => total + row.units, 0) : null,
    targetAmountFen: hasTargets ? targets.reduce((total, row) => total + Number(row.amountFen), 0) : null,
  };
  const trend = [...trendByDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  return { figures, sources, consultants, trend };
}

/** Sources named, the unnamed ('') last; the ranking by deals, amount, then visits. */
export function namedSources(
  sources: ComputedFigures['sources'],
  names: Map<string, string>,
  unnamed: string,
): SourceFigure[] {
  return [...sources]
    .map(([channelId, counts]) => ({
      channelId: channelId === '' ? null : channelId,
      name: channelId === '' ? unnamed : (names.get(channelId) ?? unnamed),
      ...counts,
    }))
    .sort((a, b) => b.calls + b.visits - (a.calls + a.visits) || a.name.localeCompare(b.name));
}

export function rankedConsultants(
  consultants: ComputedFigures['consultants'],
  names: Map<string, string>,
): ConsultantFigure[] {
  return [...consultants]
    .map(([staffId, row]) => ({
      staffId,
      name: names.get(staffId) ?? '',
      ...row,
      conversionPercent: conversionPercent(row.deals, row.visits),
    }))
    .sort((a, b) => b.deals - a.deals || b.amountFen - a.amountFen || b.visits - a.visits);
}
