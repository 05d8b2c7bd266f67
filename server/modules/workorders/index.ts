import './use-cases/sla-sweep.js';
import './workorders.notify.js';

/**
 * Work orders (报修 / 投诉 / 咨询) as other modules use them: the call desk opens one from a live
 * call or an emergency report inside its own transaction (`createWorkOrderIn`), the caller pop
 * lists a caller's open ones (`findOpenWorkOrdersForCaller`). This module imports no calls code.
 */
export {
  type CreateWorkOrderOptions,
  createWorkOrder,
  createWorkOrderIn,
  deskRoles as workOrderDeskRoles,
} from './use-cases/create-work-order.js';
export { findOpenWorkOrdersForCaller, getWorkOrderDetail } from './use-cases/read-work-orders.js';
export {
  findSlaBreaches,
  scheduleSlaSweep,
  slaSweepJobKind,
  sweepSlaBreaches,
} from './use-cases/sla-sweep.js';
export { seedWorkOrdersDemo } from './workorders.demo.js';
export { workordersRoutes } from './workorders.routes.js';
export {
  detailSchema as workOrderDetailSchema,
  summarySchema as workOrderSummarySchema,
  workOrderFields,
} from './workorders.schemas.js';
export { workOrderSearchFields } from './workorders.search.js';
export type { WorkOrdersTable, WorkordersTables } from './workorders.tables.js';
