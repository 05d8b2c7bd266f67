import type { Role } from '../../../contracts/roles.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { ObjectScopeKind, ScopedObject } from '../../platform/auth/scope.js';

/**
 * The world the access matrix (access-matrix/) is run against: company A with projects P1 and
 * P2, company B with one project. In P1 the callers: one member of staff per role, plus a second
 * consultant ("other") who owns and takes part in P1's objects. P2 and company B hold the same
 * kinds of objects, with their own markers, that none of P1's callers may reach.
 */

/** How a foreign object relates to the callers of P1. */
export const relations = [
  'other-consultant',
  'other-desk',
  'other-project',
  'other-company',
  'other-buyer',
] as const;
export type Relation = (typeof relations)[number];

/** The kinds of object a route's path parameter can name. */
export type ObjectKind =
  | 'project'
  | 'building'
  | 'door'
  | 'department'
  | 'desk'
  | 'staff'
  | 'unit'
  | 'priceList'
  | 'opening'
  | 'openingBuyer'
  | 'customer'
  | 'followUp'
  | 'visit'
  | 'salesCall'
  | 'sourceChannel'
  | 'campaign'
  | 'call'
  | 'message'
  | 'incident'
  | 'leaderCall'
  | 'plan'
  | 'deposit'
  | 'receipt'
  | 'form'
  | 'file'
  | 'agreement'
  | 'transactionFile'
  | 'purpose'
  | 'delivery'
  | 'notifyJob'
  | 'ownershipRequest'
  | 'customerImport'
  | 'statement'
  | 'mortgage'
  | 'moveIn'
  | 'task'
  | 'designation'
  | 'dailyReport'
  | 'workOrder'
  | 'workOrderPhoto'
  | 'resident'
  | 'residentImport';

/** The object scope each kind of object belongs to (scopeRules in scope.ts says who reaches it). */
export const scopeOfKind: Record<ObjectKind, ObjectScopeKind> = {
  project: 'company',
  building: 'company',
  door: 'company',
  department: 'company',
  desk: 'company',
  staff: 'company',
  unit: 'project',
  priceList: 'project',
  opening: 'project',
  openingBuyer: 'project',
  customer: 'owner',
  followUp: 'owner',
  visit: 'owner',
  salesCall: 'owner',
  sourceChannel: 'project',
  campaign: 'owner',
  call: 'desk',
  message: 'desk',
  incident: 'desk',
  leaderCall: 'desk',
  plan: 'deal',
  deposit: 'deal',
  receipt: 'deal',
  form: 'deal',
  file: 'deal',
  agreement: 'deal',
  transactionFile: 'deal',
  purpose: 'company',
  delivery: 'company',
  notifyJob: 'company',
  ownershipRequest: 'owner',
  customerImport: 'owner',
  statement: 'deal',
  mortgage: 'deal',
  moveIn: 'deal',
  task: 'deal',
  designation: 'deal',
  dailyReport: 'project',
  workOrder: 'workorder',
  workOrderPhoto: 'workorder',
  resident: 'project',
  residentImport: 'project',
};

export interface WorldObject {
  kind: ObjectKind;
  id: string;
  /** Which site it is in: p1, p2 or b (company B). */
  site: SiteName;
  relation: Relation;
  /** Text that only this object carries; seen in an answer, it means the object was shown. */
  markers: string[];
  /** Whole phone and ID numbers the object holds (masked is fine, whole only where fieldRules allow). */
  secrets: Secret[];
  /** What the scope needs to know about it. */
  scoped: ScopedObject;
  /** The table row that must not change when a caller who may not see it sends a mutation. */
  row?: { table: string; id: string };
}

export type SecretField = 'customerPhone' | 'callerNumber' | 'buyerPhone' | 'idNumber';
export interface Secret {
  value: string;
  field: SecretField;
}

export type SiteName = 'p1' | 'p2' | 'b';

export interface AccessWorld {
  companyA: string;
  companyB: string;
  /** Sales projects P1, P2 (company A) and B's; e1: P1's callers' managed estate (its desks). */
  p1: string;
  e1: string;
  p2: string;
  pb: string;
  /** Members of staff of P1 who call the routes, one per role. */
  callers: Record<Role, Actor & { username: string }>;
  /** The consultant in P1 who owns every foreign object of P1. */
  otherConsultant: Actor & { username: string };
  objects: WorldObject[];
}
