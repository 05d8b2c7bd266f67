import { decryptText, encryptText } from '../../platform/crypto/index.js';
import type { Tx } from '../../platform/db/database.js';
import {
  type EmailConfig,
  type EmailSecret,
  type OutgoingMessage,
  ProviderError,
  type ProviderResult,
  type SmsConfig,
  type SmsSecret,
  sendEmail,
  sendSms,
  sendWecom,
  type WecomConfig,
  type WecomSecret,
} from './notify.providers.js';
import type { Channel } from './notify.tables.js';

export type ProviderChannel = Exclude<Channel, 'inapp'>;
export interface ProviderSettings {
  email: { config: EmailConfig; secret: EmailSecret };
  sms: { config: SmsConfig; secret: SmsSecret };
  wecom: { config: WecomConfig; secret: WecomSecret };
}

/** Binds a stored provider secret to its row: copied into another company or channel it does not decrypt. */
export const providerSecretContext = (companyId: string, channel: ProviderChannel) =>
  `notify_provider:${companyId}:${channel}`;

/** Provider secrets are stored AES-256-GCM encrypted (server/platform/crypto), never in clear. */
export function sealProviderSecret(companyId: string, channel: ProviderChannel, secret: object): string {
  return encryptText(JSON.stringify(secret), providerSecretContext(companyId, channel));
}

export async function readProvider<C extends ProviderChannel>(
  db: Tx,
  companyId: string,
  channel: C,
): Promise<(ProviderSettings[C] & { isEnabled: boolean }) | null> {
  const row = await db
    .selectFrom('notifyProviders')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (!row) return null;
  return {
    config: JSON.parse(row.configJson),
    secret: JSON.parse(decryptText(row.secretJson, providerSecretContext(companyId, channel))),
    isEnabled: row.isEnabled === 1,
  } as ProviderSettings[C] & { isEnabled: boolean };
}

/** Whether the company has this channel configured and switched on (callers may offer a fallback). */
export async function isChannelEnabled(
  db: Tx,
  companyId: string,
  channel: ProviderChannel,
): Promise<boolean> {
  return (await readProvider(db, companyId, channel))?.isEnabled === true;
}

export async function sendThroughProvider(
  db: Tx,
  companyId: string,
  channel: ProviderChannel,
  message: OutgoingMessage,
): Promise<ProviderResult> {
  const provider = await readProvider(db, companyId, channel);
  if (!provider?.isEnabled) throw new ProviderError(`${channel} channel not configured or disabled`, true);
  if (channel === 'email')
    return sendEmail(provider.config as EmailConfig, provider.secret as EmailSecret, message);
  if (channel === 'sms') return sendSms(provider.config as SmsConfig, provider.secret as SmsSecret, message);
  return sendWecom(provider.config as WecomConfig, provider.secret as WecomSecret, message);
}
