import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import { contentDisposition, type ExportSheet } from '../../../platform/excel/export.js';
import { type Access, rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
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
 * One registration for a list and, when it has a sheet, its Excel export at `<path>/export`
 * (the platform's registerListWithExport: the same query, access and use case, answered as a page
 * or as a workbook of every matching row up to exportLimit, in the requester's language).
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
  const sheet = options.sheet;
  if (sheet) {
    // A list with a sheet: the platform's one registration answers the list and its export.
    const filters = (options.querystring as unknown as z.ZodObject).omit({ page: true, pageSize: true });
    registerListWithExport(app, {
      url: path,
      tags,
      access: options.access,
      scope: 'deal',
      querystring: filters,
      item: options.item,
      find: async ({ actor }, { offset, limit, ...query }) => {
        const asked = { ...query, page: 1, pageSize: limit } as z.output<S>;
        const { rows, total } = await options.find(actor, findQuery(asked, { offset, limit }));
        return { items: rows as z.input<I>[], total };
      },
      sheet: sheet as unknown as ExportSheet<z.input<I>>,
      exportLimit,
    });
    return;
  }
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
}
