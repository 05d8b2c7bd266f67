import { z } from 'zod';
import { rolesAllowed } from '../../platform/http/access.js';
import { registerListWithExport } from '../../platform/http/list-export.js';
import { idParam } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './staff.schemas.js';
import * as staff from './staff.service.js';
import { staffSheet } from './staff.sheet.js';
import { resetStaffTwoFactor } from './two-factor.service.js';

type StaffWithRoles = Awaited<ReturnType<typeof staff.getStaffById>>;

export function toStaffResponse(row: StaffWithRoles) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    namePinyin: row.namePinyin,
    nameInitials: row.nameInitials,
    departmentId: row.departmentId,
    departmentName: row.departmentName ?? null,
    title: row.title,
    officePhone: row.officePhone,
    mobile: row.mobile,
    isMobileShareable: row.isMobileShareable === 1,
    presence: row.presence,
    locale: row.locale,
    isDisabled: row.isDisabled === 1,
    mustChangePassword: row.mustChangePassword === 1,
    hasTwoFactor: row.hasTwoFactor,
    roles: row.roles,
    createdAt: row.createdAt,
  };
}

const adminOnly = rolesAllowed('admin');

export async function staffRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  registerListWithExport(app, {
    url: '/api/staff',
    tags: ['staff'],
    access: adminOnly,
    scope: 'company',
    querystring: schemas.staffFilters,
    item: schemas.staffSchema,
    find: async ({ actor }, { q, sort, ...filter }) => {
      const { rows, total } = await staff.listStaff(db, actor, {
        ...filter,
        search: q,
        sort: sort ?? 'displayName',
      });
      return { items: rows.map(toStaffResponse), total };
    },
    sheet: staffSheet,
  });

  app.get(
    '/api/staff/:id',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['staff'], params: idParam, response: { 200: schemas.staffSchema } },
    },
    async (request) =>
      toStaffResponse(await staff.getStaffMember(db, requireActor(request), request.params.id)),
  );

  app.post(
    '/api/staff',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['staff'], body: schemas.staffCreateBody, response: { 201: schemas.staffSchema } },
    },
    async (request, reply) => {
      const created = await staff.createStaff(db, {
        actor: requireActor(request),
        input: request.body,
        now: now(),
      });
      return reply.status(201).send(toStaffResponse(created));
    },
  );

  app.put(
    '/api/staff/:id',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['staff'],
        params: idParam,
        body: schemas.staffUpdateBody,
        response: { 200: schemas.staffSchema },
      },
    },
    async (request) =>
      toStaffResponse(
        await staff.updateStaff(db, {
          actor: requireActor(request),
          staffId: request.params.id,
          input: request.body,
          now: now(),
        }),
      ),
  );

  for (const [action, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/staff/:id/${action}`,
      {
        config: { access: adminOnly, scope: 'company' },
        schema: { tags: ['staff'], params: idParam, response: { 200: schemas.staffSchema } },
      },
      async (request) =>
        toStaffResponse(
          await staff.setStaffDisabled(db, {
            actor: requireActor(request),
            staffId: request.params.id,
            isDisabled,
            now: now(),
          }),
        ),
    );
  }

  app.post(
    '/api/staff/:id/reset-password',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['staff'],
        params: idParam,
        body: schemas.resetPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await staff.resetStaffPassword(db, {
        actor: requireActor(request),
        staffId: request.params.id,
        newPassword: request.body.newPassword,
        now: now(),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/staff/:id/reset-two-factor',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['staff'], params: idParam, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await resetStaffTwoFactor(db, { actor: requireActor(request), staffId: request.params.id, now: now() });
      return reply.status(204).send(null);
    },
  );
}
