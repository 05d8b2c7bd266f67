import type { Locale } from '../../../../contracts/locales.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/errors.js';
import { maskPhone } from '../../../platform/privacy/mask.js';
import { writeAudit } from '../../audit/index.js';
import { notifyErrors } from '../notify.errors.js';
import { ProviderError } from '../notify.providers.js';
import { renderText, resolveTemplate } from '../notify.render.js';
import { assertCompanySettings } from '../notify.scope.js';
import {
  type ProviderChannel,
  type ProviderSettings,
  readProvider,
  sealProviderSecret,
  sendThroughProvider,
} from '../provider-settings.js';
import { audited } from './audited.js';

const secretFields: Record<ProviderChannel, string> = {
  email: 'password',
  sms: 'accessKeySecret',
  wecom: 'webhookUrl',
};

/** Shows that a secret is set without revealing it: the last 4 characters at most. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  return `••••${secret.length > 12 ? secret.slice(-4) : ''}`;
}

export async function listProviders(db: Db, actor: Actor) {
  assertCompanySettings(actor);
  const result = [];
  for (const channel of ['email', 'sms', 'wecom'] as const) {
    const provider = await readProvider(db, actor.companyId, channel);
    const secret = provider
      ? String((provider.secret as unknown as Record<string, string>)[secretFields[channel]] ?? '')
      : '';
    result.push({
      channel,
      isConfigured: Boolean(provider),
      isEnabled: provider?.isEnabled ?? false,
      config: (provider?.config ?? null) as Record<string, unknown> | null,
      secretHint: maskSecret(secret),
    });
  }
  return result;
}

export async function saveProvider<C extends ProviderChannel>(
  db: Db,
  options: {
    actor: Actor;
    channel: C;
    isEnabled: boolean;
    config: ProviderSettings[C]['config'];
    secret: string | null;
    now: Date;
  },
) {
  const { actor, channel, now } = options;
  assertCompanySettings(actor);
  return audited(db, async (trx) => {
    const existing = await readProvider(trx, actor.companyId, channel);
    const previousSecret = existing
      ? String((existing.secret as unknown as Record<string, string>)[secretFields[channel]] ?? '')
      : '';
    const secret = options.secret || previousSecret;
    if (!secret)
      throw new AppError(
        notifyErrors.PROVIDER_SECRET_REQUIRED,
        {},
        { secret: notifyErrors.PROVIDER_SECRET_REQUIRED.message },
      );
    const row = {
      id: newId(),
      companyId: actor.companyId,
      channel,
      isEnabled: options.isEnabled ? 1 : 0,
      configJson: JSON.stringify(options.config),
      secretJson: sealProviderSecret(actor.companyId, channel, { [secretFields[channel]]: secret }),
      updatedAt: now.toISOString(),
      updatedBy: actor.staffId,
    };
    await trx
      .insertInto('notifyProviders')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['companyId', 'channel']).doUpdateSet({
          isEnabled: row.isEnabled,
          configJson: row.configJson,
          secretJson: row.secretJson,
          updatedAt: row.updatedAt,
          updatedBy: row.updatedBy,
        }),
      )
      .execute();
    return {
      result: null,
      audit: {
        actor,
        entityType: 'notify_provider',
        entityId: channel,
        action: 'update',
        // Secrets never enter the audit log: only whether they changed.
        before: existing ? { isEnabled: existing.isEnabled, config: existing.config } : null,
        after: {
          isEnabled: options.isEnabled,
          config: options.config,
          secretChanged: Boolean(options.secret) && options.secret !== previousSecret,
        },
        at: now,
      },
    };
  });
}

/** Sends the test template straight through a channel and returns the provider's answer (or its clear error). */
export async function sendProviderTest(
  db: Db,
  options: { actor: Actor; channel: ProviderChannel; to: string; now: Date; locale: Locale },
) {
  const { actor, channel, now } = options;
  assertCompanySettings(actor);
  if (!options.to && channel !== 'wecom')
    throw new AppError(
      notifyErrors.TEST_ADDRESS_REQUIRED,
      {},
      { to: notifyErrors.TEST_ADDRESS_REQUIRED.message },
    );
  const provider = await readProvider(db, actor.companyId, channel);
  if (!provider) throw new AppError(notifyErrors.PROVIDER_NOT_CONFIGURED, { channel });
  const template = await resolveTemplate(db, actor.companyId, 'notify.test', options.locale);
  const params = { senderName: actor.displayName };
  const idempotencyKey = `test:${newId()}`;
  let outcome: { ok: boolean; answer: string };
  try {
    const result = await sendThroughProvider(db, actor.companyId, channel, {
      idempotencyKey,
      to: options.to,
      title: renderText('notify.test', template.title, params),
      body: renderText('notify.test', template.body, params),
      templateCode: template.smsTemplateCode,
      templateParams: params,
      mentionMobiles: channel === 'wecom' && options.to ? [options.to] : undefined,
    });
    outcome = { ok: true, answer: result.answer };
  } catch (error) {
    outcome = {
      ok: false,
      answer:
        error instanceof ProviderError
          ? [error.message, error.answer].filter(Boolean).join(' — ')
          : String(error),
    };
  }
  await db.transaction().execute((trx) =>
    writeAudit(trx, {
      actor,
      entityType: 'notify_provider',
      entityId: channel,
      action: 'test',
      after: { ok: outcome.ok, to: channel === 'email' ? options.to : maskPhone(options.to) },
      at: now,
    }),
  );
  return outcome;
}
