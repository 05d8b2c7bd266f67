import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { getCustomerById } from '../../customers/index.js';
import * as schemas from '../inventory.schemas.js';
import * as inventory from '../inventory.service.js';
import { boardRoles, controlRoles, salesRoles } from './route-access.js';
export async function unitRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/inventory/units/:id',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: idParam, response: { 200: schemas.unitDetailSchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      const unit = await inventory.getUnitAt(db, actor, request.params.id, now());
      const history = await inventory.findUnitHistory(db, actor, unit.id);
      const customerIds = new Set(
        [unit.holdCustomerId, unit.buyerCustomerId, ...history.map((row) => row.customerId)].filter(
          (value): value is string => Boolean(value),
        ),
      );
      const customers: Record<string, string> = {};
      for (const customerId of customerIds) {
        try {
          customers[customerId] = (await getCustomerById(db, actor, customerId)).name;
        } catch {
          // Customers the actor may not see stay shown by reference only.
        }
      }
      return { unit, history, customers };
    },
  );

  app.post(
    '/api/inventory/units/:id/hold',
    {
      config: { access: boardRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.holdBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.holdUnit(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        customerId: request.body.customerId,
        minutes: request.body.minutes,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/release',
    {
      config: { access: boardRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.releaseBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.releaseHold(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        reason: request.body.reason,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/extend',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.extendBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.extendHold(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        minutes: request.body.minutes,
        reason: request.body.reason,
        now: now(),
      }),
  );

  app.post(
    '/api/inventory/units/:id/status',
    {
      config: { access: controlRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: idParam,
        body: schemas.statusBody,
        response: { 200: schemas.unitSchema },
      },
    },
    async (request) =>
      inventory.changeUnitStatusInTransaction(db, {
        actor: requireActor(request),
        unitId: request.params.id,
        from: [request.body.from],
        to: request.body.to,
        reason: request.body.reason,
        now: now(),
      }),
  );
}
