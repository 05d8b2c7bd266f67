import { z } from 'zod';
import { roleLabels } from '../../../contracts/roles.js';
import { sendWorkbook, shanghaiTime } from '../../platform/excel/export.js';
import { rolesAllowed } from '../../platform/http/access.js';
import { idParam, toOffset } from '../../platform/http/pagination.js';
import { type AppContext, type AppInstance, requireActor } from '../../platform/http/types.js';
import * as schemas from './staff.schemas.js';
import * as staff from './staff.service.js';
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
const exportLimit = 20_000;

export async function staffRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/staff',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags: ['staff'],
        querystring: schemas.staffListQuery,
        response: { 200: schemas.staffPageSchema },
      },
    },
    async (request) => {
      const { q, page, pageSize, sort, order, ...filter } = request.query;
      const { rows, total } = await staff.listStaff(db, requireActor(request), {
        ...filter,
        search: q,
        sort: sort ?? 'displayName',
        order,
        ...toOffset({ page, pageSize }),
      });
      return { items: rows.map(toStaffResponse), total, page, pageSize };
    },
  );

  app.get(
    '/api/staff/export',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags: ['staff'], querystring: schemas.staffListQuery },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { q, sort, order, page: _page, pageSize: _pageSize, ...filter } = request.query;
      const { rows } = await staff.listStaff(db, actor, {
        ...filter,
        search: q,
        sort: sort ?? 'displayName',
        order,
        offset: 0,
        limit: exportLimit,
      });
      const locale = request.locale;
      const headers = {
        'zh-CN': ['用户名', '姓名', '拼音', '部门', '职务', '办公电话', '手机', '角色', '状态', '创建时间'],
        'zh-TW': [
          '使用者名稱',
          '姓名',
          '拼音',
          '部門',
          '職務',
          '辦公電話',
          '手機',
          '角色',
          '狀態',
          '建立時間',
        ],
        en: [
          'Username',
          'Name',
          'Pinyin',
          'Department',
          'Title',
          'Office phone',
          'Mobile',
          'Roles',
          'Status',
          'Created',
        ],
      }[locale];
      const status = { 'zh-CN': ['在用', '停用'], 'zh-TW': ['在用', '停用'], en: ['Active', 'Disabled'] }[
        locale
      ];
      type Row = (typeof rows)[number];
      return sendWorkbook<Row>(reply, {
        filename: { 'zh-CN': '员工名单.xlsx', 'zh-TW': '員工名單.xlsx', en: 'staff.xlsx' }[locale],
        sheetName: headers[1],
        rows,
        columns: [
          { header: headers[0], value: (row) => row.username },
          { header: headers[1], value: (row) => row.displayName },
          { header: headers[2], value: (row) => row.namePinyin },
          { header: headers[3], value: (row) => row.departmentName ?? '' },
          { header: headers[4], value: (row) => row.title },
          { header: headers[5], value: (row) => row.officePhone },
          { header: headers[6], value: (row) => row.mobile },
          {
            header: headers[7],
            width: 30,
            value: (row) => row.roles.map((grant) => roleLabels[grant.role][locale]).join('、'),
          },
          { header: headers[8], value: (row) => status[row.isDisabled] },
          { header: headers[9], width: 20, value: (row) => shanghaiTime(row.createdAt) },
        ],
      });
    },
  );

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
