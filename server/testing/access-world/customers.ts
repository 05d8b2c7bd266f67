import ExcelJS from 'exceljs';
import {
  createCampaign,
  createSourceChannel,
  planFollowUp,
  previewImport,
  registerCustomer,
  requestReassignment,
} from '../../modules/customers/testing/index.js';
import { answerCall, receiveVisitor, saveCallRegister } from '../../modules/reception/index.js';
import { minutes, phone, type SiteContext } from './site.js';

/**
 * Customers of the other consultant, with a follow-up, a visit and a sales call; a campaign, a
 * conflict over the customer and an import.
 */
export async function buildCustomers(ctx: SiteContext) {
  const { db, site, now, mark, add, projectId, other, manager } = ctx;
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
  return { customerId };
}
