import ExcelJS from 'exceljs';
import type { Role } from '../../contracts/roles.js';
import { startManualCall } from '../modules/calls/calls.service.js';
import { recordLeaderCall, reportIncident } from '../modules/calls/incidents.service.js';
import { leaveMessage } from '../modules/calls/messages.service.js';
import { createPurpose } from '../modules/calls/scripts.service.js';
import {
  createCampaign,
  createSourceChannel,
  planFollowUp,
  previewImport,
  registerCustomer,
  requestReassignment,
} from '../modules/customers/index.js';
import * as deals from '../modules/deals/deals.service.js';
import { draftAgreement, takeDeposit } from '../modules/deals/testing/deal-fixture.js';
import { createPriceListDraft, createUnits, decidePriceList } from '../modules/inventory/index.js';
import { createOpeningEvent, registerBuyers } from '../modules/opening/index.js';
import { idNumberFor } from '../modules/opening/opening.factories.js';
import {
  createBuilding,
  createDepartment,
  createDesk,
  createDoor,
  createProject,
} from '../modules/org/index.js';
import { answerCall, receiveVisitor, saveCallRegister } from '../modules/reception/index.js';
import { type Actor, systemActor } from '../platform/auth/actor.js';
import type { ObjectScopeKind, ScopedObject } from '../platform/auth/scope.js';
import type { Database, Db } from '../platform/db/database.js';
import type { AppInstance } from '../platform/http/types.js';
import { startJobRunner } from '../platform/jobs/index.js';
import { buildCompany, buildStaff, type TestOrg } from './factories.js';

/**
 * The world the access matrix (access-matrix.ts) is run against: company A with projects P1 and
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
  | 'designation';

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

const markerOf: Record<SiteName, string> = { p1: '泄露甲', p2: '泄露乙', b: '泄露丙' };
/** Phone prefixes per site: every whole number in the world is unique. */
const phonePrefix: Record<SiteName, string> = { p1: '1371', p2: '1372', b: '1373' };

const minutes = (date: Date, count: number) => new Date(date.getTime() + count * 60_000);

interface Site {
  name: SiteName;
  companyId: string;
  /** The sales project (customers, deals, units) and the managed estate (desks, calls). */
  projectId: string;
  estateProjectId: string;
  system: Actor;
  staff: Partial<Record<Role, Actor & { username: string }>>;
  other: Actor & { username: string };
}

function phone(site: SiteName, index: number): string {
  return `${phonePrefix[site]}${String(1_000_000 + index).slice(-7)}`;
}

/** Company, its project(s), and the project's sales and desk staff. */
async function buildSiteStaff(
  db: Db,
  site: { name: SiteName; companyId: string; projectId: string; estateProjectId: string },
  roleList: readonly Role[],
): Promise<Site> {
  const staff: Site['staff'] = {};
  for (const role of roleList)
    staff[role] = await buildStaff(db, site, {
      roles:
        role === 'admin'
          ? [{ role, projectId: null }]
          : [
              { role, projectId: site.projectId },
              { role, projectId: site.estateProjectId },
            ],
      displayName: `${markerOf[site.name]}${role}`,
    });
  const other = await buildStaff(db, site, {
    roles: [{ role: 'consultant', projectId: site.projectId }],
    displayName: `${markerOf[site.name]}顾问`,
  });
  return { ...site, system: systemActor(site.companyId), staff, other };
}

/** Every kind of object of one site, owned by / taken part in by the site's "other" consultant. */
async function buildSiteObjects(db: Db, site: Site, now: Date): Promise<WorldObject[]> {
  const objects: WorldObject[] = [];
  const mark = markerOf[site.name];
  const { companyId, projectId, system, other } = site;
  const controller = site.staff.controller!;
  const manager = site.staff.manager!;
  const finance = site.staff.finance!;
  const agent = site.staff.agent!;
  const guard = site.staff.guard!;
  const relationFor = (kind: ObjectKind): Relation =>
    site.name === 'p2'
      ? 'other-project'
      : site.name === 'b'
        ? 'other-company'
        : scopeOfKind[kind] === 'desk'
          ? 'other-desk'
          : kind === 'openingBuyer' || kind === 'opening'
            ? 'other-buyer'
            : 'other-consultant';
  const add = (
    kind: ObjectKind,
    id: string,
    options: {
      markers?: string[];
      secrets?: Secret[];
      scoped?: Partial<ScopedObject>;
      table?: string;
    } = {},
  ) => {
    objects.push({
      kind,
      id,
      site: site.name,
      relation: relationFor(kind),
      markers: options.markers ?? [],
      secrets: options.secrets ?? [],
      scoped: { companyId, projectId, ...options.scoped },
      row: options.table ? { table: options.table, id } : undefined,
    });
  };

  // Company reference data.
  const building = await createBuilding(db, {
    actor: system,
    projectId,
    input: { name: `${mark}楼`, floorCount: 3, sortOrder: 0 },
    now,
  });
  add('building', building.id, { table: 'buildings' });
  const door = await createDoor(db, { actor: system, buildingId: building.id, name: `${mark}门`, now });
  add('door', door.id, { table: 'doors' });
  const estate = { companyId, projectId: site.estateProjectId };
  const service = await createDesk(db, {
    actor: system,
    projectId: site.estateProjectId,
    input: { name: `${mark}客服中心`, kind: 'service_centre', phone: '0755-1234567' },
    now,
  });
  const post = await createDesk(db, {
    actor: system,
    projectId: site.estateProjectId,
    input: { name: `${mark}卡口`, kind: 'security_post', phone: '0755-7654321' },
    now,
  });
  add('desk', service.id, { table: 'desks', scoped: { ...estate, deskKind: 'service_centre' } });
  add('desk', post.id, { table: 'desks', scoped: { ...estate, deskKind: 'security_post' } });
  if (site.name !== 'p1') {
    add('staff', other.staffId, { table: 'staff', scoped: { projectId: null } });
    const department = await createDepartment(db, {
      actor: system,
      name: `${mark}部`,
      headStaffId: null,
      now,
    });
    add('department', department.id, { table: 'departments', scoped: { projectId: null } });
  }

  // Units, priced and approved; forms for agreements.
  const units = await createUnits(db, {
    actor: controller,
    projectId,
    units: [1, 2, 3, 4].map((position) => ({
      buildingId: building.id,
      buildingName: `${mark}楼`,
      floor: 1,
      position,
      number: `10${position}`,
      layout: '三室两厅',
      buildingAreaDm2: 8950,
      innerAreaDm2: 7210,
      orientation: '南',
    })),
    now,
  });
  for (const unit of units) add('unit', unit.id, { table: 'units' });
  const draft = await createPriceListDraft(db, {
    actor: controller,
    projectId,
    name: `${mark}价目表`,
    note: '',
    prices: units.map((unit) => ({ unitId: unit.id, unitPriceFen: 2_000_000 })),
    now,
  });
  await decidePriceList(db, { actor: manager, priceListId: draft.id, decision: 'approve', note: '', now });
  add('priceList', draft.id, { markers: [`${mark}价目表`], table: 'priceLists' });
  await deals.issueFormBatch(db, {
    actor: manager,
    projectId,
    prefix: 'RG',
    firstSerial: 1,
    lastSerial: 3,
    width: 6,
    note: '',
    now,
  });

  // Customers of the other consultant, with a follow-up, a visit and a sales call.
  const channel = await createSourceChannel(db, {
    actor: manager,
    projectId,
    name: `${mark}渠道`,
    sortOrder: 9,
    now,
  });
  add('sourceChannel', channel.id, { table: 'sourceChannels' });
  const customerPhone = phone(site.name, 1);
  const registered = await registerCustomer(db, {
    actor: other,
    projectId,
    input: {
      name: `${mark}客户`,
      gender: 'male',
      phones: [customerPhone],
      isPhoneRefused: false,
      sourceChannelId: null,
      keyKind: null,
      intentLayout: '三房',
      intentAreaMin: 90,
      intentAreaMax: 120,
      intentBudgetFen: 300_000_000,
      intentPurpose: 'self_use',
      notes: `${mark}客户备注`,
      hasContactConsent: true,
      hasMarketingConsent: true,
      consentVia: 'verbal',
      locale: 'zh-CN',
    },
    now,
  });
  const customerId = registered.customer.id;
  const owned = { ownerId: other.staffId, participantIds: [other.staffId] };
  add('customer', customerId, {
    markers: [`${mark}客户`],
    secrets: [{ value: customerPhone, field: 'customerPhone' }],
    scoped: owned,
    table: 'customers',
  });
  const followUp = await planFollowUp(db, {
    actor: other,
    customerId,
    plannedAt: minutes(now, 60 * 24),
    theme: `${mark}回访主题`,
    channel: 'phone',
    now,
  });
  add('followUp', followUp.id, { markers: [`${mark}回访主题`], scoped: owned, table: 'followUps' });
  const visitorPhone = phone(site.name, 2);
  const { visit } = await receiveVisitor(db, {
    actor: other,
    projectId,
    input: {
      name: `${mark}来访`,
      gender: 'unknown',
      phones: [visitorPhone],
      isPhoneRefused: false,
      partySize: 2,
      visitorKind: 'buyer',
      sourceChannelId: null,
      intentLayout: '',
      intentAreaMin: null,
      intentAreaMax: null,
      intentBudgetFen: null,
      intentPurpose: '',
      notes: `${mark}来访备注`,
      hasContactConsent: true,
      hasMarketingConsent: false,
    },
    now: minutes(now, 1),
  });
  add('visit', visit.id, {
    markers: [`${mark}来访`],
    secrets: [{ value: visitorPhone, field: 'customerPhone' }],
    scoped: owned,
    table: 'visits',
  });
  const callerPhone = phone(site.name, 3);
  const { call: salesCall } = await answerCall(db, { actor: other, projectId, now: minutes(now, 2) });
  await saveCallRegister(db, {
    actor: other,
    callId: salesCall.id,
    input: {
      callerName: `${mark}来电`,
      callerPhone,
      gender: 'male',
      sourceChannelId: null,
      questions: `${mark}来电问题`,
      intentLayout: '三房',
      intentAreaMin: 100,
      intentAreaMax: 120,
      intentBudgetFen: 400_000_000,
      intentPurpose: 'self_use',
      result: 'left_contact',
      appointmentAt: null,
      hasContactConsent: true,
      hasMarketingConsent: false,
    },
    now: minutes(now, 3),
  });
  add('salesCall', salesCall.id, {
    markers: [`${mark}来电问题`],
    secrets: [{ value: callerPhone, field: 'customerPhone' }],
    scoped: owned,
    table: 'salesCalls',
  });
  const campaign = await createCampaign(db, {
    actor: manager,
    projectId,
    title: `${mark}活动`,
    message: `${mark}活动内容`,
    now,
  });
  add('campaign', campaign.id, { markers: [`${mark}活动内容`], scoped: {}, table: 'campaigns' });

  // Another consultant asks for the other consultant's customer (a conflict for the manager).
  if (site.staff.consultant) {
    await requestReassignment(db, {
      actor: site.staff.consultant,
      projectId,
      phone: customerPhone,
      reason: `${mark}认领理由`,
      now,
    });
    const request = await db
      .selectFrom('ownershipConflicts')
      .select('id')
      .where('projectId', '=', projectId)
      .executeTakeFirstOrThrow();
    add('ownershipRequest', request.id, {
      markers: [`${mark}认领理由`],
      // The request is its requester's (the owner's side sees it through the customer).
      scoped: { ownerId: site.staff.consultant.staffId },
      table: 'ownershipConflicts',
    });
  }
  const book = new ExcelJS.Workbook();
  book.addWorksheet('客户').addRows([
    ['序号', '客户姓名', '手机号码', '性别'],
    [1, `${mark}导入客户`, phone(site.name, 9), '男'],
  ]);
  const preview = await previewImport(db, {
    actor: other,
    projectId,
    fileName: `${mark}.xlsx`,
    file: Buffer.from(await book.xlsx.writeBuffer()),
    now,
  });
  add('customerImport', preview.id, {
    markers: [`${mark}导入客户`],
    secrets: [{ value: phone(site.name, 9), field: 'customerPhone' }],
    scoped: { ownerId: other.staffId },
    table: 'customerImports',
  });

  // A deal of the other consultant: plan, 定金 and its receipt, the buyer's ID copy, an
  // agreement reviewed into a transaction file.
  const fx = {
    fx: {
      org: { companyId, salesProjectId: projectId } as TestOrg,
      consultant: other,
      controller,
      manager,
      manager2: manager,
      consultant2: other,
      buildingId: building.id,
      unitIds: units.map((unit) => unit.id),
    },
    finance,
  };
  const dealAt = minutes(now, 10);
  const { planId, depositId, receiptId } = await takeDeposit(db, fx, {
    unitId: units[0]!.id,
    customerId,
    amountFen: 2_000_000,
    note: `${mark}定金备注`,
    now: dealAt,
  });
  const participants = { participantIds: [other.staffId, controller.staffId, finance.staffId] };
  add('plan', planId, { scoped: { participantIds: [other.staffId] }, table: 'dealPlans' });
  add('deposit', depositId, { markers: [`${mark}定金备注`], scoped: participants, table: 'dealDeposits' });
  add('receipt', receiptId, { scoped: participants, table: 'dealReceipts' });
  const idNumber = idNumberFor(site.name === 'p1' ? 101 : site.name === 'p2' ? 102 : 103);
  const { agreementId, idCopyId } = await draftAgreement(db, fx, {
    planId,
    formNumber: 'RG000001',
    buyerName: `${mark}买受人`,
    idNumber,
    now: minutes(dealAt, 5),
  });
  add('file', idCopyId, { scoped: { participantIds: [other.staffId] }, table: 'dealFiles' });
  await deals.submitAgreement(db, { actor: other, agreementId, now: minutes(dealAt, 6) });
  await deals.reviewAgreement(db, {
    actor: manager,
    agreementId,
    decision: 'approve',
    comment: '',
    now: minutes(dealAt, 7),
  });
  add('agreement', agreementId, {
    markers: [`${mark}买受人`],
    secrets: [{ value: idNumber, field: 'idNumber' }],
    scoped: { participantIds: [other.staffId, manager.staffId] },
    table: 'dealAgreements',
  });
  const transactionFile = await db
    .selectFrom('dealTransactionFiles')
    .select('id')
    .where('projectId', '=', projectId)
    .executeTakeFirstOrThrow();
  add('transactionFile', transactionFile.id, {
    scoped: { participantIds: [other.staffId] },
    table: 'dealTransactionFiles',
  });
  const statementIdNumber = idNumberFor(site.name === 'p1' ? 111 : site.name === 'p2' ? 112 : 113);
  const statement = await deals.createThirdPartyStatement(db, {
    actor: other,
    fileId: transactionFile.id,
    payerName: `${mark}代付人`,
    payerIdType: 'resident_id',
    payerIdNumber: statementIdNumber,
    amountFen: 100_000,
    now: minutes(dealAt, 8),
  });
  add('statement', statement.id, {
    markers: [`${mark}代付人`],
    secrets: [{ value: statementIdNumber, field: 'idNumber' }],
    scoped: { participantIds: [other.staffId] },
    table: 'dealThirdPartyStatements',
  });
  await deals.scheduleMortgageAppointment(db, {
    actor: other,
    fileId: transactionFile.id,
    bank: `${mark}银行`,
    place: `${mark}支行`,
    appointmentAt: minutes(now, 60 * 24 * 5),
    documents: ['身份证', '收入证明'],
    now: minutes(dealAt, 9),
  });
  const mortgage = await db
    .selectFrom('dealMortgageAppointments')
    .select('id')
    .where('transactionFileId', '=', transactionFile.id)
    .executeTakeFirstOrThrow();
  add('mortgage', mortgage.id, {
    markers: [`${mark}银行`],
    scoped: { participantIds: [other.staffId] },
    table: 'dealMortgageAppointments',
  });
  await deals.scheduleMoveIn(db, {
    actor: other,
    fileId: transactionFile.id,
    appointmentAt: minutes(now, 60 * 24 * 6),
    place: `${mark}入伙地点`,
    propertyOfficeContact: '物业',
    propertyOfficePhone: '0755-1234567',
    congratulationMessage: '',
    now: minutes(dealAt, 10),
  });
  const moveIn = await db
    .selectFrom('dealMoveIns')
    .select('id')
    .where('transactionFileId', '=', transactionFile.id)
    .executeTakeFirstOrThrow();
  add('moveIn', moveIn.id, {
    markers: [`${mark}入伙地点`],
    scoped: { participantIds: [other.staffId] },
    table: 'dealMoveIns',
  });
  const task = await db
    .selectFrom('dealTasks')
    .select(['id', 'staffId'])
    .where('projectId', '=', projectId)
    .executeTakeFirst();
  if (task) add('task', task.id, { scoped: { participantIds: [task.staffId] }, table: 'dealTasks' });
  const designation = await deals.designate(db, {
    actor: manager,
    projectId,
    staffId: controller.staffId,
    duty: 'agreement_review',
    now,
  });
  add('designation', designation.id, {
    scoped: { participantIds: [controller.staffId, manager.staffId] },
    table: 'dealDesignations',
  });
  const form = await db
    .selectFrom('dealForms')
    .select('id')
    .where('projectId', '=', projectId)
    .where('status', '=', 'in_stock')
    .executeTakeFirstOrThrow();
  add('form', form.id, { scoped: {}, table: 'dealForms' });

  // Desk objects: a call on each desk, a message, an incident and a leader call.
  const serviceCaller = phone(site.name, 4);
  const serviceCall = await startManualCall(db, {
    actor: agent,
    deskId: service.id,
    callerNumber: serviceCaller,
    now: minutes(now, 20),
  });
  add('call', serviceCall.id, {
    secrets: [{ value: serviceCaller, field: 'callerNumber' }],
    markers: [serviceCaller],
    scoped: { ...estate, deskKind: 'service_centre' },
    table: 'calls',
  });
  const postCaller = phone(site.name, 5);
  const postCall = await startManualCall(db, {
    actor: guard,
    deskId: post.id,
    callerNumber: postCaller,
    now: minutes(now, 21),
  });
  add('call', postCall.id, {
    secrets: [{ value: postCaller, field: 'callerNumber' }],
    markers: [postCaller],
    scoped: { ...estate, deskKind: 'security_post' },
    table: 'calls',
  });
  const message = await leaveMessage(db, {
    actor: agent,
    input: {
      deskId: service.id,
      recipientStaffId: site.staff.dept_head!.staffId,
      kind: 'message',
      callerName: `${mark}留言人`,
      callbackNumber: phone(site.name, 6),
      content: `${mark}留言内容`,
      urgency: 'normal',
    },
    now: minutes(now, 22),
  });
  add('message', message.id, {
    markers: [`${mark}留言内容`],
    secrets: [{ value: phone(site.name, 6), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'service_centre' },
    table: 'callMessages',
  });
  const incident = await reportIncident(db, {
    actor: guard,
    input: {
      deskId: post.id,
      isEmergency: false,
      callerName: `${mark}报事人`,
      callerIdentity: 'owner',
      buildingId: null,
      doorId: null,
      unitLabel: '',
      phone: phone(site.name, 7),
      account: `${mark}事件经过`,
    },
    now: minutes(now, 23),
  });
  add('incident', incident.id, {
    markers: [`${mark}事件经过`],
    secrets: [{ value: phone(site.name, 7), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'security_post' },
    table: 'incidents',
  });
  const leader = await recordLeaderCall(db, {
    actor: guard,
    input: {
      deskId: post.id,
      claimedName: `${mark}领导`,
      claimedTitle: '总经理',
      callbackNumber: phone(site.name, 8),
      request: `${mark}领导要求`,
      isIdentified: false,
    },
    now: minutes(now, 24),
  });
  add('leaderCall', leader.id, {
    markers: [`${mark}领导要求`],
    secrets: [{ value: phone(site.name, 8), field: 'callerNumber' }],
    scoped: { ...estate, deskKind: 'security_post' },
    table: 'leaderCalls',
  });

  if (site.name === 'b') {
    const purpose = await createPurpose(db, { actor: system, label: `${mark}目的`, sortOrder: 99, now });
    add('purpose', purpose.id, {
      markers: [`${mark}目的`],
      scoped: { projectId: null },
      table: 'callPurposes',
    });
  }

  // An opening with two buyers on the units left for sale.
  const startsAt = minutes(now, 60 * 24 * 3);
  const opening = await createOpeningEvent(db, {
    actor: controller,
    projectId,
    input: {
      name: `${mark}开盘`,
      startsAt: startsAt.toISOString(),
      endsAt: minutes(startsAt, 60).toISOString(),
      perBuyerLimit: 1,
      unitIds: units.slice(2).map((unit) => unit.id),
    },
    now,
  });
  add('opening', opening.id, { markers: [`${mark}开盘`], table: 'openingEvents' });
  const buyerBase = site.name === 'p1' ? 200 : site.name === 'p2' ? 300 : 400;
  const buyers = [1, 2].map((index) => ({
    name: `${mark}买家${index}`,
    phone: phone(site.name, 10 + index),
    idNumber: idNumberFor(buyerBase + index),
    pledgeNumber: `${mark}RC${index}`,
    idVerified: true,
  }));
  await registerBuyers(db, { actor: controller, eventId: opening.id, buyers, now });
  const buyerRows = await db
    .selectFrom('openingBuyers')
    .select(['id', 'name', 'phone'])
    .where('eventId', '=', opening.id)
    .execute();
  for (const row of buyerRows) {
    const buyer = buyers.find((item) => item.name === row.name)!;
    add('openingBuyer', row.id, {
      markers: [buyer.name],
      secrets: [
        { value: buyer.phone, field: 'buyerPhone' },
        { value: buyer.idNumber, field: 'idNumber' },
      ],
      table: 'openingBuyers',
    });
  }
  return objects;
}

const siteRoles: readonly Role[] = [
  'manager',
  'controller',
  'consultant',
  'finance',
  'agent',
  'guard',
  'dept_head',
];

/** Builds the whole world (about a second on SQLite). */
export async function buildAccessWorld(
  database: Database,
  now = new Date('2026-11-27T02:00:00.000Z'),
): Promise<AccessWorld> {
  const db = database.db;
  const { companyId: companyA } = await buildCompany(db, { name: '甲物业集团', shortName: '甲', now });
  const { companyId: companyB } = await buildCompany(db, { name: '丙物业集团', shortName: '丙', now });
  const project = async (companyId: string, name: string) =>
    (
      await createProject(db, {
        actor: systemActor(companyId),
        input: { name, kind: 'sales', city: '深圳', address: '' },
        now,
      })
    ).id;
  const p1 = await project(companyA, '甲一花园');
  const p2 = await project(companyA, '甲二花园');
  const pb = await project(companyB, '丙花园');
  const estate = async (companyId: string, name: string) =>
    (
      await createProject(db, {
        actor: systemActor(companyId),
        input: { name, kind: 'estate', city: '深圳', address: '' },
        now,
      })
    ).id;
  const e1 = await estate(companyA, '甲一家园');
  const e2 = await estate(companyA, '甲二家园');
  const eb = await estate(companyB, '丙家园');

  const allRoles: Role[] = [
    'admin',
    'manager',
    'controller',
    'consultant',
    'finance',
    'agent',
    'guard',
    'dept_head',
    'dpo',
  ];
  const siteA1 = await buildSiteStaff(
    db,
    { name: 'p1', companyId: companyA, projectId: p1, estateProjectId: e1 },
    allRoles,
  );
  const siteA2 = await buildSiteStaff(
    db,
    { name: 'p2', companyId: companyA, projectId: p2, estateProjectId: e2 },
    siteRoles,
  );
  const siteB = await buildSiteStaff(
    db,
    { name: 'b', companyId: companyB, projectId: pb, estateProjectId: eb },
    siteRoles,
  );

  // The answering order (SA-1) would give P1's visitor and call to the consultant who calls the
  // routes (and their colleagues in P2 and B): away while the world is built, the other consultant receives them.
  const consultants = [siteA1, siteA2, siteB].map((site) => site.staff.consultant!.staffId);
  const setPresence = (presence: 'away' | 'at_desk') =>
    db.updateTable('staff').set({ presence }).where('id', 'in', consultants).execute();
  await setPresence('away');
  const objects: WorldObject[] = [];
  for (const site of [siteA1, siteA2, siteB]) objects.push(...(await buildSiteObjects(db, site, now)));
  // The notifications queued above are delivered (the notify routes' deliveries and jobs).
  const runner = startJobRunner({ database, instanceId: 'access-world', now: () => now, autoStart: false });
  await runner.runUntilIdle();
  await runner.stop();
  for (const site of [siteA1, siteA2, siteB]) {
    const delivery = await db
      .selectFrom('notifyDeliveries')
      .select(['id', 'jobId', 'projectId'])
      .where('companyId', '=', site.companyId)
      .where('projectId', 'in', [site.projectId, site.estateProjectId])
      .executeTakeFirst();
    if (!delivery) continue;
    const scoped = { companyId: site.companyId, projectId: delivery.projectId };
    const relation: Relation =
      site.name === 'b' ? 'other-company' : site.name === 'p2' ? 'other-project' : 'other-consultant';
    const base = { site: site.name, relation, markers: [], secrets: [], scoped };
    objects.push(
      { ...base, kind: 'delivery', id: delivery.id, row: { table: 'notifyDeliveries', id: delivery.id } },
      { ...base, kind: 'notifyJob', id: delivery.jobId, row: { table: 'jobs', id: delivery.jobId } },
    );
  }
  await setPresence('at_desk');
  objects.push(
    {
      kind: 'project',
      id: p2,
      site: 'p2',
      relation: 'other-project',
      markers: [],
      secrets: [],
      scoped: { companyId: companyA, projectId: p2 },
      row: { table: 'projects', id: p2 },
    },
    {
      kind: 'project',
      id: pb,
      site: 'b',
      relation: 'other-company',
      markers: ['丙花园'],
      secrets: [],
      scoped: { companyId: companyB, projectId: pb },
      row: { table: 'projects', id: pb },
    },
  );
  return {
    companyA,
    companyB,
    p1,
    e1,
    p2,
    pb,
    callers: siteA1.staff as Record<Role, Actor & { username: string }>,
    otherConsultant: siteA1.other,
    objects,
  };
}

/** A buyer of an opening signs in with the code sent to their phone (read back from the demo column); their cookie. */
export async function signInBuyer(
  app: AppInstance,
  db: Db,
  eventId: string,
  buyer: WorldObject,
): Promise<string | undefined> {
  const phoneNumber = buyer.secrets.find((secret) => secret.field === 'buyerPhone')?.value;
  if (!phoneNumber) return undefined;
  const headers = { origin: 'http://localhost' };
  await app.inject({
    method: 'POST',
    url: `/api/public/openings/${eventId}/code`,
    headers,
    payload: { phone: phoneNumber },
  });
  const row = await db
    .selectFrom('openingBuyers')
    .select('demoCode')
    .where('id', '=', buyer.id)
    .executeTakeFirst();
  if (!row?.demoCode) return undefined;
  const response = await app.inject({
    method: 'POST',
    url: `/api/public/openings/${eventId}/session`,
    headers,
    payload: { phone: phoneNumber, code: row.demoCode },
  });
  const cookie = response.cookies.find((item) => item.name === 'yk_buyer');
  return cookie ? `yk_buyer=${cookie.value}` : undefined;
}
