import { z } from 'zod';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../customers.schemas.js';
import { getCustomerForDisplay } from '../customers.service.js';
import { customerSheet } from '../sheets/customers.sheet.js';
import { findCustomerTimeline, isAfterSalesCareRefused, markMovedIn } from '../use-cases/after-sales.js';
import { findCustomers, getCustomerBook } from '../use-cases/find-customers.js';
import * as ownership from '../use-cases/ownership.js';
import { checkPhone, registerCustomer } from '../use-cases/register-customer.js';
import { updateCustomer } from '../use-cases/update-customer.js';
import { frontline, managers, salesStaff, viewers } from './roles.js';

export async function customerRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/customers',
    tags: ['customers'],
    // The DPO reads the book (numbers masked) to act on someone's rights, but takes no copy home.
    access: rolesAllowed(...viewers),
    exportAccess: rolesAllowed(...salesStaff),
    scope: 'owner',
    querystring: schemas.customerFilters,
    item: schemas.customerSchema,
    find: ({ actor }, { sort, order, ...query }) =>
      findCustomers(db, actor, { ...query, sort: sort ?? 'createdAt', order: sort ? order : 'desc' }),
    sheet: customerSheet,
    exportLimit: 50_000,
  });

  app.post(
    '/api/customers',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.customerCreateBody,
        response: { 200: schemas.registerResult, 201: schemas.registerResult },
      },
    },
    async (request, reply) => {
      const { projectId, ...input } = request.body;
      const result = await registerCustomer(db, {
        actor: requireActor(request),
        projectId,
        input,
        now: now(),
      });
      return reply.status(result.outcome === 'created' ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/customers/phone-check',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        body: schemas.phoneCheckBody,
        response: { 200: schemas.phoneCheckResult },
      },
    },
    async (request) => checkPhone(db, { actor: requireActor(request), ...request.body, now: now() }),
  );

  app.get(
    '/api/customers/book',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        querystring: schemas.sourceChannelQuery.pick({ projectId: true }),
        response: { 200: schemas.bookSchema },
      },
    },
    async (request) =>
      getCustomerBook(db, { actor: requireActor(request), projectId: request.query.projectId, now: now() }),
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.customerSchema } },
    },
    async (request) => getCustomerForDisplay(db, requireActor(request), request.params.id),
  );

  app.put(
    '/api/customers/:id',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.customerInput,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) =>
      updateCustomer(db, {
        actor: requireActor(request),
        customerId: request.params.id,
        input: request.body,
        now: now(),
      }),
  );

  app.get(
    '/api/customers/:id/timeline',
    {
      config: { access: rolesAllowed(...viewers), scope: 'owner' },
      schema: { tags: ['customers'], params: idParam, response: { 200: schemas.timelineSchema } },
    },
    async (request) => ({
      items: await findCustomerTimeline(db, { actor: requireActor(request), customerId: request.params.id }),
    }),
  );

  app.post(
    '/api/customers/:id/reassign',
    {
      config: { access: rolesAllowed(...managers), scope: 'owner' },
      schema: {
        tags: ['customers'],
        params: idParam,
        body: schemas.reassignBody,
        response: { 200: schemas.customerSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await ownership.reassignCustomer(db, {
        actor,
        customerId: request.params.id,
        ...request.body,
        now: now(),
      });
      return getCustomerForDisplay(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/customers/:id/move-in',
    {
      config: { access: rolesAllowed(...frontline), scope: 'owner' },
      schema: {
        response: {
          200: z.object({
            checkIns: z.array(z.object({ id: z.string(), plannedAt: z.string(), theme: z.string() })),
            /** SA-18: the owner did not consent to after-move-in care, so none was planned. */
            isCareSkippedForConsent: z.boolean(),
          }),
        },
        tags: ['customers'],
        params: idParam,
        body: schemas.moveInBody,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const checkIns = await markMovedIn(db, {
        actor,
        customerId: request.params.id,
        movedInAt: new Date(request.body.movedInAt),
        now: now(),
      });
      return {
        checkIns,
        isCareSkippedForConsent: await isAfterSalesCareRefused(db, actor, request.params.id),
      };
    },
  );
}
