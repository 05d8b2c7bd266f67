import { z } from 'zod';
import { AppError, commonErrors } from '../../../platform/errors.js';
import { rolesAllowed } from '../../../platform/http/access.js';
import { type AppContext, type AppInstance, requireActor } from '../../../platform/http/types.js';
import { issuesToFieldErrors } from '../../../platform/http/validation.js';
import * as schemas from '../notify.schemas.js';
import * as admin from '../use-cases/index.js';

const adminOnly = rolesAllowed('admin');
const tags = ['notify'];

function parseConfig<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = issuesToFieldErrors(
    parsed.error.issues.map((issue) => ({ ...issue, path: ['config', ...issue.path] })) as never,
  );
  throw new AppError(commonErrors.VALIDATION_FAILED, {}, fields);
}

/** The email, SMS and WeCom providers: settings (secrets write-only) and a test send. */
export async function providersRoutes(app: AppInstance, { database: { db }, now }: AppContext) {
  app.get(
    '/api/notify/providers',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: { tags, response: { 200: z.object({ items: z.array(schemas.providerItem) }) } },
    },
    async (request) => ({
      items: await admin.listProviders(db, requireActor(request)),
    }),
  );
  app.put(
    '/api/notify/providers/:channel',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ channel: schemas.providerChannelSchema }),
        body: schemas.providerBody,
        response: { 200: schemas.done },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { channel } = request.params;
      const secret = request.body.secret?.trim() || null;
      if (channel === 'wecom' && secret && !/^https?:\/\/\S+$/.test(secret))
        throw new AppError(
          commonErrors.VALIDATION_FAILED,
          {},
          {
            secret: {
              'zh-CN': '请填写机器人的 Webhook 地址',
              'zh-TW': '請填寫機器人的 Webhook 位址',
              en: 'Enter the robot webhook URL',
            },
          },
        );
      const common = { actor, isEnabled: request.body.isEnabled, secret, now: now() };
      if (channel === 'email')
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.emailConfigSchema, request.body.config),
        });
      else if (channel === 'sms')
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.smsConfigSchema, request.body.config),
        });
      else
        await admin.saveProvider(db, {
          ...common,
          channel,
          config: parseConfig(schemas.wecomConfigSchema, request.body.config),
        });
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notify/providers/:channel/test',
    {
      config: { access: adminOnly, scope: 'company' },
      schema: {
        tags,
        params: z.strictObject({ channel: schemas.providerChannelSchema }),
        body: schemas.providerTestBody,
        response: { 200: schemas.providerTestResult },
      },
    },
    async (request) =>
      admin.sendProviderTest(db, {
        actor: requireActor(request),
        channel: request.params.channel,
        to: request.body.to,
        now: now(),
        locale: request.locale,
      }),
  );
}
