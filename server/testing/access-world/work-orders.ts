import { addWorkOrderPhoto, createWorkOrder, testPhoto } from '../../modules/workorders/testing/index.js';
import { minutes, phone, type SiteContext } from './site.js';

/** A work order of the site's estate, assigned to nobody (an engineer of P1 must not see it), and its photo. */
export async function buildWorkOrder(ctx: SiteContext) {
  const { db, site, now, mark, add, agent, estate } = ctx;
  const callerPhone = phone(site.name, 10); // 9 is the imported customer's
  const order = await createWorkOrder(db, {
    actor: agent,
    projectId: estate.projectId,
    source: 'walk_in',
    input: {
      category: 'repair',
      urgency: 'normal',
      buildingText: '',
      doorText: '',
      unitText: '',
      description: `${mark}工单内容`,
      callerName: `${mark}报修人`,
      callerPhone,
    },
    now: minutes(now, 24),
  });
  const scoped = { ...estate, participantIds: [order.assigneeId] };
  add('workOrder', order.id, {
    markers: [`${mark}工单内容`],
    secrets: [{ value: callerPhone, field: 'callerNumber' }],
    scoped,
    table: 'workOrders',
  });
  const photo = await addWorkOrderPhoto(db, {
    actor: agent,
    workOrderId: order.id,
    stage: 'report',
    bytes: testPhoto,
    now: minutes(now, 25),
  });
  add('workOrderPhoto', photo.id, { scoped, table: 'workOrderPhotos' });
}
