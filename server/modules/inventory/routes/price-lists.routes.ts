import { idParam } from '../../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { formatAreaM2 } from '../inventory.rules.js';
import * as schemas from '../inventory.schemas.js';
import * as priceLists from '../price-lists.service.js';
import { controlRoles, managerOnly, projectGuardOf, salesRoles, yuanToFen } from './route-access.js';
export async function priceListRoutes(app: AppInstance, context: AppContext) {
  const {
    database: { db },
    now,
  } = context;
  const projectGuard = projectGuardOf(context);

  app.get(
    '/api/inventory/projects/:projectId/price-lists',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: {
        tags: ['inventory'],
        params: schemas.projectIdParams,
        response: { 200: schemas.priceListListSchema },
      },
    },
    async (request) => ({
      items: await priceLists.findPriceLists(db, requireActor(request), request.params.projectId),
    }),
  );

  app.get(
    '/api/inventory/price-lists/:id',
    {
      config: { access: salesRoles, scope: 'project' },
      schema: { tags: ['inventory'], params: idParam, response: { 200: schemas.priceListDetailSchema } },
    },
    async (request) => {
      const { priceList, items } = await priceLists.getPriceListWithItems(
        db,
        requireActor(request),
        request.params.id,
      );
      const [withNames] = (
        await priceLists.findPriceLists(db, requireActor(request), priceList.projectId)
      ).filter((row) => row.id === priceList.id);
      return {
        priceList: withNames,
        items: items.map((item) => ({
          unitId: item.unitId,
          label: item.label,
          buildingArea: formatAreaM2(item.buildingAreaDm2),
          unitPriceFen: Number(item.unitPriceFen),
          totalFen: Number(item.totalFen),
          currentUnitPriceFen: item.currentUnitPriceFen === null ? null : Number(item.currentUnitPriceFen),
          currentTotalFen: item.currentTotalFen === null ? null : Number(item.currentTotalFen),
        })),
      };
    },
  );

  app.post(
    '/api/inventory/projects/:projectId/price-lists',
    {
      config: { access: controlRoles, scope: 'project' },
      preValidation: projectGuard,
      schema: {
        tags: ['inventory'],
        params: schemas.projectIdParams,
        body: schemas.priceListCreateBody,
        response: { 201: schemas.priceListRowSchema },
      },
    },
    async (request, reply) => {
      const created = await priceLists.createPriceListDraft(db, {
        actor: requireActor(request),
        projectId: request.params.projectId,
        name: request.body.name,
        note: request.body.note,
        prices: request.body.prices.map((price) => ({
          unitId: price.unitId,
          unitPriceFen: yuanToFen(price.unitPrice),
        })),
        now: now(),
      });
      return reply.status(201).send(created);
    },
  );

  for (const decision of ['approve', 'reject'] as const)
    app.post(
      `/api/inventory/price-lists/:id/${decision}`,
      {
        config: { access: managerOnly, scope: 'project' },
        schema: {
          tags: ['inventory'],
          params: idParam,
          body: schemas.decisionBody,
          response: { 200: schemas.priceListRowSchema },
        },
      },
      async (request) =>
        priceLists.decidePriceList(db, {
          actor: requireActor(request),
          priceListId: request.params.id,
          decision,
          note: request.body.note,
          now: now(),
        }),
    );
}
