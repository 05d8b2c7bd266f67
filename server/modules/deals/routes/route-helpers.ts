import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import { contentDisposition, type ExportSheet, sendSheetIn } from '../../../platform/excel/export.js';
import { type Access, rolesAllowed } from '../../../platform/http/access.js';
import { pageResult, toOffset } from '../../../platform/http/pagination.js';
import { type AppInstance, requireActor } from '../../../platform/http/types.js';

export const tags = ['deals'];
export const sales = rolesAllowed('consultant', 'controller', 'manager', 'finance');
export const planners = rolesAllowed('consultant', 'controller', 'manager');
export const managers = rolesAllowed('manager');
export const money = rolesAllowed('finance', 'manager', 'consultant', 'controller');
const exportLimit = 20_000;

export function sendPdf(reply: FastifyReply, file: { fileName: string; bytes: Buffer }, inline = true) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header(
      'Content-Disposition',
      contentDisposition(file.fileName).replace(/^attachment/, inline ? 'inline' : 'attachment'),
    )
    .send(file.bytes);
}

/** The query every searchable, sortable list takes. */
interface ListQuery {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  order: 'asc' | 'desc';
}

/** What the list's use case receives: the filters as sent, `q` as `search`, a sort, and a window. */
type FindQuery<Q extends ListQuery> = Omit<Q, 'q' | 'page' | 'pageSize' | 'sort'> & {
  search: string | undefined;
  sort: NonNullable<Q['sort']>;
  offset: number;
  limit: number;
};

/**
 * One registration for a list and, when it has a sheet, its Excel export at `<path>/export`:
 * the same query, access and use case, answered as a page or as a workbook of every matching
 * row (up to exportLimit), with the sheet's words in the requester's language.
 */
export function listWithExport<S extends z.ZodType<ListQuery>, I extends z.ZodType, Row extends z.output<I>>(
  app: AppInstance,
  path: string,
  options: {
    access: Access;
    /** One row of the page as answered (the export writes its own sheet). */
    item: I;
    querystring: S;
    defaultSort: NonNullable<z.output<S>['sort']>;
    find: (actor: Actor, query: FindQuery<z.output<S>>) => Promise<{ rows: Row[]; total: number }>;
    sheet?: ExportSheet<Row>;
  },
) {
  const findQuery = (query: z.output<S>, window: { offset: number; limit: number }) => {
    const { q, page: _page, pageSize: _size, sort, ...filter } = query;
    return { ...filter, search: q, sort: sort ?? options.defaultSort, ...window } as FindQuery<z.output<S>>;
  };
  const config = { access: options.access, scope: 'deal' as const };
  app.get(
    path,
    {
      config,
      schema: { tags, querystring: options.querystring, response: { 200: pageResult(options.item) } },
    },
    async (request) => {
      const query = request.query as z.output<S>;
      const { rows, total } = await options.find(requireActor(request), findQuery(query, toOffset(query)));
      return { items: rows, total, page: query.page, pageSize: query.pageSize };
    },
  );
  const sheet = options.sheet;
  if (!sheet) return;
  app.get(
    `${path}/export`,
    { config, schema: { tags, querystring: options.querystring } },
    async (request, reply) => {
      const query = findQuery(request.query as z.output<S>, { offset: 0, limit: exportLimit });
      const { rows } = await options.find(requireActor(request), query);
      return sendSheetIn(reply, sheet, request.locale, rows);
    },
  );
}
