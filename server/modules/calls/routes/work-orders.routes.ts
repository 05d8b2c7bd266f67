import { z } from 'zod';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { getWorkOrderDetail, workOrderDetailSchema, workOrderFields } from '../../workorders/index.js';
import * as schemas from '../calls.schemas.js';
import { openWorkOrderFromCall } from '../use-cases/open-work-order.js';
import { deskAccess, tags } from './route-support.js';

const fromCallBody = z.strictObject(workOrderFields);

/** The live call's "work order" drawer: 报修 / 投诉 / 咨询 opened from the call in one step. */
export async function workOrderRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.post(
    '/api/calls/:callId/work-orders',
    {
      config: { access: deskAccess, scope: 'workorder' },
      schema: {
        tags,
        summary: 'Open a work order from the call, linked to it',
        params: schemas.callIdParams,
        body: fromCallBody,
        response: { 201: workOrderDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const order = await openWorkOrderFromCall(db, {
        actor,
        callId: request.params.callId,
        input: request.body,
        now: now(),
      });
      return reply.status(201).send(await getWorkOrderDetail(db, actor, order.id, now()));
    },
  );
}
