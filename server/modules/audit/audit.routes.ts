import { z } from 'zod';
import type * as contract from '../../../contracts/audit.js';
import { markScopeApplied } from '../../platform/auth/scope.js';
import { rolesAllowed } from '../../platform/http/access.js';
import type { Agrees, Check } from '../../platform/http/contract-check.js';
import { dateTime } from '../../platform/http/fields.js';
import { pageQuery, pageResult, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import type { CompanyMembers } from './audit.queries.js';
import { findAuditLog, verifyAuditChain } from './audit.service.js';

const auditQuery = z.strictObject({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(120).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(40).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  ...pageQuery(['seq']),
  order: z.enum(['asc', 'desc']).default('desc'),
});

const auditItem = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  projectId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

const auditPage = pageResult(auditItem);

const verification = z.object({
  ok: z.boolean(),
  checkedRows: z.number(),
  headSeq: z.number(),
  firstBreak: z.object({ seq: z.number(), reason: z.string() }).nullable(),
});

export type ContractChecks = [
  Check<Agrees<contract.AuditEntry, typeof auditItem>>,
  Check<Agrees<contract.AuditPage, typeof auditPage>>,
  Check<Agrees<contract.AuditVerifyResult, typeof verification>>,
];

/** The audit routes, reading company membership through the org and staff modules' queries. */
export const auditRoutes =
  (members: CompanyMembers) =>
  async (app: AppInstance, { database: { db } }: AppContext) => {
    app.get(
      '/api/audit',
      {
        config: { access: rolesAllowed('admin', 'dpo', 'manager'), scope: 'company' },
        schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } },
      },
      async (request) => {
        const { page, pageSize, order, sort: _sort, ...filter } = request.query;
        const actor = requireActor(request);
        const { rows, total } = await findAuditLog(
          db,
          actor,
          filter,
          {
            ...toOffset({ page, pageSize }),
            order,
          },
          members,
        );
        return {
          items: rows.map(({ beforeJson, afterJson, prevHash: _prev, hash: _hash, ...row }) => ({
            ...row,
            before: beforeJson ? JSON.parse(beforeJson) : null,
            after: afterJson ? JSON.parse(afterJson) : null,
          })),
          total,
          page,
          pageSize,
        };
      },
    );

    app.post(
      '/api/audit/verify',
      {
        config: { access: rolesAllowed('admin'), scope: 'company' },
        schema: { tags: ['audit'], response: { 200: verification } },
      },
      // The answer holds no record of any company, only whether the one hash chain is intact.
      async (request) => {
        markScopeApplied(requireActor(request), 'company');
        return verifyAuditChain(db);
      },
    );
  };
