import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Locale } from '../../../contracts/locales.js';
import type { Actor } from '../auth/actor.js';
import type { ScopeKind } from '../auth/scope.js';
import { type ExportSheet, sendSheetIn } from '../excel/export.js';
import type { Access } from './access.js';
import { pageResult, pageWindow, toOffset } from './pagination.js';
import { type AppInstance, requireActor } from './types.js';

/** Rows an export writes at most unless its registration says otherwise (a list's page holds 200). */
export const defaultExportLimit = 20_000;

/** Who asks, in which language, about which parent object (the url's params, if any). */
export interface ListCaller<Params> {
  actor: Actor;
  locale: Locale;
  params: Params;
}

/** What `find` receives: the filters and sort as sent, and the window (a page, or the export's cap). */
export type ListFind<Filters> = Filters & { offset: number; limit: number };

type ParamsOf<P> = P extends z.ZodType ? z.output<P> : Record<string, never>;

export interface ListWithExport<
  Q extends z.ZodObject,
  I extends z.ZodType,
  P extends z.ZodObject | undefined,
  Row extends z.input<I>,
> {
  /** The list's url; the export answers at `${url}/export`. */
  url: string;
  tags: string[];
  access: Access;
  /**
   * Who may take the file home, when fewer may than read the list (the DPO reads the customer book,
   * numbers masked, but does not export it): a subset of `access`, never more.
   */
  exportAccess?: Access;
  scope: ScopeKind;
  /** The url's params (e.g. `:id`), if it has any. */
  params?: P;
  /** The filters and the sort (`sort`, `order`): the list adds `page` and `pageSize`, the export none. */
  querystring: Q;
  /** One row of the page as answered. */
  item: I;
  /**
   * The rows the caller may see that match, in order, within the window; and how many match (or,
   * with `totalIsCapped`, that more than `total` do: a list counted only up to a cap).
   */
  find: (
    caller: ListCaller<ParamsOf<P>>,
    query: ListFind<z.output<Q>>,
  ) => Promise<{ items: Row[]; total: number; totalIsCapped?: boolean }>;
  /**
   * The workbook, in 简体, 繁體 and English; a function when its words depend on the request (a
   * file name carrying the filters, names looked up for the caller).
   */
  sheet:
    | ExportSheet<Row>
    | ((caller: ListCaller<ParamsOf<P>>, query: z.output<Q>) => ExportSheet<Row> | Promise<ExportSheet<Row>>);
  /** Rows the export writes at most (defaultExportLimit). */
  exportLimit?: number;
}

/**
 * One declaration for a list (`GET url`, paged, with its response schema) and its Excel export
 * (`GET url/export`, every matching row up to the cap, in the reader's language): the same access,
 * scope, filters and use case, so the two can never disagree about who sees what. The export stops
 * when the client goes away (sendSheetIn).
 */
export function registerListWithExport<
  Q extends z.ZodObject,
  I extends z.ZodType,
  Row extends z.input<I>,
  P extends z.ZodObject | undefined = undefined,
>(app: AppInstance, options: ListWithExport<Q, I, P, Row>): void {
  const config = { access: options.access, scope: options.scope };
  const exportAccess = narrower(options.access, options.exportAccess, options.url);
  const caller = (request: FastifyRequest) => callerOf<ParamsOf<P>>(request);
  const params = options.params ? { params: options.params } : {};

  app.get(
    options.url,
    {
      config,
      schema: {
        tags: options.tags,
        ...params,
        querystring: options.querystring.extend(pageWindow),
        response: { 200: pageResult(options.item) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query as z.output<Q> & {
        page: number;
        pageSize: number;
      };
      const query = { ...(filters as z.output<Q>), ...toOffset({ page, pageSize }) };
      const { items, total, totalIsCapped } = await options.find(caller(request), query);
      return { items, total, ...(totalIsCapped ? { totalIsCapped } : {}), page, pageSize } as never;
    },
  );

  app.get(
    `${options.url}/export`,
    {
      config: { ...config, access: exportAccess, answers: 'file' },
      schema: { tags: options.tags, ...params, querystring: options.querystring },
    },
    async (request, reply) => {
      const who = caller(request);
      const filters = request.query as z.output<Q>;
      const limit = options.exportLimit ?? defaultExportLimit;
      const { items } = await options.find(who, { ...filters, offset: 0, limit });
      const sheet = typeof options.sheet === 'function' ? await options.sheet(who, filters) : options.sheet;
      return sendSheetIn(reply, sheet, who.locale, items);
    },
  );
}

export interface ReportWithExport<
  Q extends z.ZodObject,
  R extends z.ZodType,
  P extends z.ZodObject | undefined,
  Report extends z.input<R>,
  Row,
> {
  /** The report's url; the export answers at `${url}/export`. */
  url: string;
  tags: string[];
  access: Access;
  scope: ScopeKind;
  params?: P;
  /** The report's filters: the same for the answer on screen and the file. */
  querystring: Q;
  /** The answer on screen. */
  response: R;
  /** The figures the caller may see for the filters. */
  find: (caller: ListCaller<ParamsOf<P>>, query: z.output<Q>) => Promise<Report>;
  /** The sheet's rows, from the figures (a total row, in the reader's words). */
  rows: (report: Report, locale: Locale) => Row[];
  sheet: ExportSheet<Row> | ((report: Report) => ExportSheet<Row>);
}

/**
 * registerListWithExport for an answer that is not a paged list (figures over a period): the
 * report at `url` and its workbook at `url/export`, from one declaration and one use case.
 */
export function registerReportWithExport<
  Q extends z.ZodObject,
  R extends z.ZodType,
  Report extends z.input<R>,
  Row,
  P extends z.ZodObject | undefined = undefined,
>(app: AppInstance, options: ReportWithExport<Q, R, P, Report, Row>): void {
  const config = { access: options.access, scope: options.scope };
  const params = options.params ? { params: options.params } : {};
  app.get(
    options.url,
    {
      config,
      schema: {
        tags: options.tags,
        ...params,
        querystring: options.querystring,
        response: { 200: options.response as z.ZodType },
      },
    },
    async (request) => {
      const report = await options.find(callerOf<ParamsOf<P>>(request), request.query as z.output<Q>);
      return report as never;
    },
  );
  const schema = { tags: options.tags, ...params, querystring: options.querystring };
  app.get(
    `${options.url}/export`,
    { config: { ...config, answers: 'file' }, schema },
    async (request, reply) => {
      const who = callerOf<ParamsOf<P>>(request);
      const report = await options.find(who, request.query as z.output<Q>);
      const sheet = typeof options.sheet === 'function' ? options.sheet(report) : options.sheet;
      return sendSheetIn(reply, sheet, who.locale, options.rows(report, who.locale));
    },
  );
}

/** The export's access: the list's, or a subset of it (registration fails otherwise). */
function narrower(list: Access, exported: Access | undefined, url: string): Access {
  if (!exported) return list;
  const fits =
    'public' in list ||
    (!('public' in exported) &&
      (list.roles === 'any' ||
        (exported.roles !== 'any' && exported.roles.every((role) => list.roles.includes(role)))));
  if (!fits) throw new Error(`${url}/export: its access must be a subset of the list's`);
  return exported;
}

function callerOf<Params>(request: FastifyRequest): ListCaller<Params> {
  return { actor: requireActor(request), locale: request.locale, params: (request.params ?? {}) as Params };
}
