import type { ObjectKind } from '../access-world/index.js';

/**
 * A route's path parameter → the kind of object it names: by parameter name, or for `:id` by
 * the path segment before it. A parameter that is neither fails the matrix (add a fixture).
 */
export const kindByParam: Record<string, ObjectKind> = {
  projectId: 'project',
  buildingId: 'building',
  deskId: 'desk',
  staffId: 'staff',
  callId: 'call',
  messageId: 'message',
  incidentId: 'incident',
  leaderCallId: 'leaderCall',
  eventId: 'opening',
  purposeId: 'purpose',
};
export const kindBySegment: Record<string, ObjectKind> = {
  projects: 'project',
  buildings: 'building',
  doors: 'door',
  departments: 'department',
  desks: 'desk',
  staff: 'staff',
  deliveries: 'delivery',
  jobs: 'notifyJob',
  units: 'unit',
  'price-lists': 'priceList',
  openings: 'opening',
  buyers: 'openingBuyer',
  customers: 'customer',
  'ownership-requests': 'ownershipRequest',
  'follow-ups': 'followUp',
  'source-channels': 'sourceChannel',
  campaigns: 'campaign',
  'customer-imports': 'customerImport',
  'reception/calls': 'salesCall',
  visits: 'visit',
  plans: 'plan',
  deposits: 'deposit',
  receipts: 'receipt',
  forms: 'form',
  files: 'file',
  agreements: 'agreement',
  'transaction-files': 'transactionFile',
  statements: 'statement',
  mortgage: 'mortgage',
  'move-in': 'moveIn',
  tasks: 'task',
  designations: 'designation',
  'reports/daily': 'dailyReport',
  'work-orders': 'workOrder',
  'work-order-photos': 'workOrderPhoto',
  residents: 'resident',
  'resident-imports': 'residentImport',
  // A conformance subject's id after its kind (the matrix names a call).
  'subjects/:kind': 'call',
};
/** Parameters that name a value, not an object (filled with a valid value of the caller's own). */
export const literalParams: Record<string, string> = {
  'settings/:key': 'deals.uploadMaxKilobytes',
  'templates/:event': 'deal.payment_reminder',
  'providers/:channel': 'sms',
  'years/:year': '2026',
  'scripts/:situation': 'greeting',
  'steps/:step': 'greet',
  'subjects/:kind': 'call',
};

/** Buyer routes a person holding another event's (or no) buyer session may still call. */
export const openBuyerRoutes = new Set([
  'GET /api/public/openings/:eventId',
  'POST /api/public/openings/:eventId/code',
  // Signing out of an event one is not signed in to changes nothing.
  'DELETE /api/public/openings/:eventId/session',
]);

export type MatrixKind = ObjectKind | 'literal';

/** A body field naming an object: a mutation is sent the foreign object there too. */
export const kindByBodyField: Record<string, ObjectKind> = {
  projectId: 'project',
  deskId: 'desk',
  customerId: 'customer',
  planId: 'plan',
  unitId: 'unit',
  callId: 'call',
  fileId: 'file',
  idCopyFileId: 'file',
  agreementId: 'agreement',
  depositId: 'deposit',
  transactionFileId: 'transactionFile',
  recipientStaffId: 'staff',
  staffId: 'staff',
  buildingId: 'building',
  doorId: 'door',
};

export interface ParamPlan {
  name: string;
  kind: MatrixKind | undefined;
  key: string;
}

/** The parameters of a route and the kind each names. */
export function routeParams(url: string): ParamPlan[] {
  const segments = url.split('/');
  const result: ParamPlan[] = [];
  segments.forEach((segment, index) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const before = segments[index - 1] ?? '';
    const key = `${before}/${segment}`;
    if (literalParams[key] !== undefined) {
      result.push({ name, kind: 'literal', key });
      return;
    }
    const twoBefore = `${segments[index - 2]}/${before}`;
    const kind =
      kindByParam[name] ?? (name === 'id' ? (kindBySegment[twoBefore] ?? kindBySegment[before]) : undefined);
    result.push({ name, kind, key });
  });
  return result;
}
