import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Transporter } from 'nodemailer';

/**
 * Channel adapters. Each send carries an idempotency key (derived from the job id); a provider
 * that deduplicates by it (the SMS gateway's OutId) makes retries safe, the others get it as a
 * message id so at most the message in flight at a crash can repeat.
 */
export interface OutgoingMessage {
  idempotencyKey: string;
  to: string;
  title: string;
  body: string;
  /** SMS: the gateway's template code and the parameters it fills in. */
  templateCode?: string;
  templateParams?: Record<string, string | number>;
  /** WeCom: members to @-mention by mobile. */
  mentionMobiles?: string[];
}

export interface ProviderResult {
  providerMessageId: string | null;
  /** The provider's answer, kept in the delivery log. */
  answer: string;
}

/** A failed send; `retryable` false means retrying cannot help (bad number, rejected template). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly answer: string | null = null,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface EmailConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  from: string;
}
export interface EmailSecret {
  password: string;
}
export interface SmsConfig {
  endpoint: string;
  accessKeyId: string;
  signName: string;
}
export interface SmsSecret {
  accessKeySecret: string;
}
export interface WecomConfig {
  /** A label for the group, shown in the log. */
  groupName: string;
}
export interface WecomSecret {
  webhookUrl: string;
}

const timeoutMs = 10_000;

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return [code, error.message, cause?.code, cause?.message].filter(Boolean).join(' ');
  }
  return String(error);
}

const transports = new Map<string, Transporter>();

/** nodemailer (~14 MB once loaded) is read on the first email, not by every server at start-up. */
let mailer: Promise<typeof import('nodemailer')> | undefined;
function loadMailer(): Promise<typeof import('nodemailer')> {
  mailer ??= import('nodemailer').catch((error: unknown) => {
    mailer = undefined;
    throw error;
  });
  return mailer;
}

export async function sendEmail(
  config: EmailConfig,
  secret: EmailSecret,
  message: OutgoingMessage,
): Promise<ProviderResult> {
  const key = JSON.stringify([config, secret.password]);
  let transport = transports.get(key);
  if (!transport) {
    let nodemailer: typeof import('nodemailer');
    try {
      nodemailer = await loadMailer();
    } catch (error) {
      throw new ProviderError(`SMTP: nodemailer could not be loaded: ${describe(error)}`, true);
    }
    // Another send may have made the transport while the module was loading.
    transport =
      transports.get(key) ??
      nodemailer.createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: secret.password } : undefined,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
        // Office mail servers on the LAN often present self-signed certificates.
        tls: { rejectUnauthorized: false },
      });
    transports.set(key, transport);
  }
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: message.to,
      subject: message.title,
      text: message.body,
      messageId: `<${message.idempotencyKey}@yingke.notify>`,
      headers: { 'X-Idempotency-Key': message.idempotencyKey },
    });
    return { providerMessageId: info.messageId ?? null, answer: String(info.response ?? 'accepted') };
  } catch (error) {
    transports.delete(key);
    const responseCode = (error as { responseCode?: number }).responseCode;
    // 5xx answers to the recipient (mailbox unknown) are permanent; connection trouble and 4xx are not.
    const permanent =
      typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && responseCode !== 554;
    throw new ProviderError(
      `SMTP: ${describe(error)}`,
      !permanent,
      (error as { response?: string }).response ?? null,
    );
  }
}

/** Canonical string signed by the SMS gateway protocol (HMAC-SHA256, base64). */
export function smsStringToSign(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  return [method, path, timestamp, nonce, createHash('sha256').update(body).digest('hex')].join('\n');
}

export function signSms(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign).digest('base64');
}

/** Gateway codes after which a retry cannot succeed. */
const permanentSmsCodes = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId.NotFound',
]);

/**
 * A typical Chinese SMS gateway (Aliyun / Tencent style): JSON POST of phone, signature name,
 * template code and parameters, HMAC-SHA256 signed over method, path, timestamp, nonce and body hash;
 * OutId carries the idempotency key, which the gateway uses to drop repeats.
 */
export async function sendSms(
  config: SmsConfig,
  secret: SmsSecret,
  message: OutgoingMessage,
): Promise<ProviderResult> {
  const body = JSON.stringify({
    PhoneNumbers: message.to,
    SignName: config.signName,
    TemplateCode: message.templateCode ?? '',
    TemplateParam: JSON.stringify(message.templateParams ?? {}),
    OutId: message.idempotencyKey,
  });
  const url = new URL(config.endpoint);
  const timestamp = new Date().toISOString();
  const nonce = randomBytes(12).toString('hex');
  const signature = signSms(
    secret.accessKeySecret,
    smsStringToSign('POST', url.pathname, timestamp, nonce, body),
  );
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-acs-access-key-id': config.accessKeyId,
        'x-acs-timestamp': timestamp,
        'x-acs-nonce': nonce,
        'x-acs-signature': signature,
        'x-idempotency-key': message.idempotencyKey,
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ProviderError(`SMS gateway unreachable: ${describe(error)}`, true);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 500 || response.status === 429)
    throw new ProviderError(`SMS gateway HTTP ${response.status}`, true, text.slice(0, 1000));
  let answer: { Code?: string; Message?: string; BizId?: string };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new ProviderError(
      `SMS gateway answered HTTP ${response.status} without JSON`,
      response.status >= 500,
      text.slice(0, 1000),
    );
  }
  if (answer.Code !== 'OK') {
    const code = answer.Code ?? `HTTP ${response.status}`;
    throw new ProviderError(
      `SMS gateway refused: ${code} ${answer.Message ?? ''}`.trim(),
      !permanentSmsCodes.has(code),
      text.slice(0, 1000),
    );
  }
  return { providerMessageId: answer.BizId ?? null, answer: text.slice(0, 1000) };
}

/** WeCom (企业微信) group robot: POST a text message to the robot's webhook URL. */
export async function sendWecom(
  _config: WecomConfig,
  secret: WecomSecret,
  message: OutgoingMessage,
): Promise<ProviderResult> {
  const content = `【${message.title}】\n${message.body}`.slice(0, 2000);
  let response: Response;
  try {
    response = await fetch(secret.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-idempotency-key': message.idempotencyKey },
      body: JSON.stringify({
        msgtype: 'text',
        text: { content, mentioned_mobile_list: message.mentionMobiles ?? [] },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new ProviderError(`WeCom robot unreachable: ${describe(error)}`, true);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok)
    throw new ProviderError(
      `WeCom robot HTTP ${response.status}`,
      response.status >= 500 || response.status === 429,
      text.slice(0, 1000),
    );
  let answer: { errcode?: number; errmsg?: string };
  try {
    answer = JSON.parse(text);
  } catch {
    throw new ProviderError('WeCom robot answered without JSON', true, text.slice(0, 1000));
  }
  if (answer.errcode !== 0) {
    // 45009: rate limit (20 messages a minute per robot); 93000: invalid webhook key.
    throw new ProviderError(
      `WeCom robot refused: ${answer.errcode} ${answer.errmsg ?? ''}`.trim(),
      answer.errcode === 45009 || answer.errcode === -1,
      text.slice(0, 1000),
    );
  }
  return { providerMessageId: null, answer: text.slice(0, 1000) };
}
