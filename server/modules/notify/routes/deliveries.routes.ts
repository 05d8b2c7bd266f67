import { z } from 'zod';
import type { Locale } from '../../../../contracts/locales.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { registerListWithExport } from '../../../platform/http/list-export.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import * as schemas from '../notify.schemas.js';
import type { NotifyDeliveriesTable } from '../notify.tables.js';
import { findTemplateDefinition } from '../notify.templates.js';
import * as admin from '../use-cases/index.js';
import { deliverySheet } from './deliveries.sheet.js';

const adminOnly = rolesAllowed('admin');
const reportReaders = rolesAllowed('admin', 'manager');
const tags = ['notify'];

export function toDeliveryResponse(
  row: NotifyDeliveriesTable,
  options: { maskStaffAddress: boolean; locale: Locale },
) {
  const logged = admin.toLoggedDelivery(row, options);
  return {
    id: logged.id,
    notificationId: logged.notificationId,
    jobId: logged.jobId,
    projectId: logged.projectId,
    event: logged.event,
    // What the message is about, in words (the log no longer shows its title).
    eventLabel: findTemplateDefinition(logged.event)?.label[options.locale] ?? logged.event,
    channel: logged.channel,
    recipientKind: logged.recipientKind,
    recipientName: logged.recipientName,
    address: logged.address,
    locale: logged.locale,
    templateVersion: logged.templateVersion,
    status: logged.status,
    attempts: logged.attempts,
    dueAt: logged.dueAt,
    sentAt: logged.sentAt,
    providerMessageId: logged.providerMessageId,
    providerAnswer: logged.providerAnswer,
    errorCode: logged.errorCode,
    errorMessage: logged.errorMessage,
    isPossibleDuplicate: logged.isPossibleDuplicate === 1,
    resendOf: logged.resendOf,
    createdAt: logged.createdAt,
  };
}

/** The delivery log (administrators) and the on-time report (administrators and managers). */
export async function deliveriesRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/notify/deliveries',
    tags,
    access: adminOnly,
    scope: 'company',
    querystring: schemas.deliveryFilters,
    item: schemas.deliveryItem,
    find: async ({ actor, locale }, { q, sort, order, offset, limit, ...filter }) => {
      const { rows, total } = await admin.findDeliveries(
        db,
        actor,
        { ...filter, search: q },
        { sort: sort ?? 'createdAt', order: sort ? order : 'desc', offset, limit },
      );
      return { items: rows.map((row) => toDeliveryResponse(row, { maskStaffAddress: true, locale })), total };
    },
    sheet: deliverySheet,
  });
  app.get(
    '/api/notify/deliveries/:id',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: schemas.deliveryDetail },
      },
    },
    async (request) => {
      const { attemptLog, ...row } = await admin.getDelivery(db, requireActor(request), request.params.id);
      return { ...toDeliveryResponse(row, { maskStaffAddress: false, locale: request.locale }), attemptLog };
    },
  );
  app.post(
    '/api/notify/deliveries/:id/resend',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ id: z.string().min(1).max(64) }),
        response: { 200: schemas.resendResult },
      },
    },
    async (request) =>
      admin.resendDelivery(db, { actor: requireActor(request), deliveryId: request.params.id, now: now() }),
  );

  app.get(
    '/api/notify/report',
    {
      config: { access: reportReaders, scope: 'company' },
      schema: { tags, querystring: schemas.reportQuery, response: { 200: schemas.report } },
    },
    async (request) => ({
      rows: await admin.onTimeReport(db, requireActor(request), {
        ...request.query,
        now: now(),
        locale: request.locale,
      }),
    }),
  );
}
