import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { signSms, smsStringToSign } from '../notify.providers.js';

/**
 * Local stand-ins for the outside world, started by tests and the benchmark: an SMS gateway that
 * checks the HMAC signature and drops repeated OutIds, a WeCom group robot and an SMTP server.
 */
export interface FakeSmsGateway {
  url: string;
  accessKeyId: string;
  secret: string;
  /** Messages accepted (repeats by OutId excluded). */
  messages: Array<{
    phone: string;
    templateCode: string;
    params: Record<string, string>;
    outId: string;
    signName: string;
  }>;
  /** Requests received, including refused and repeated ones. */
  requests: number;
  duplicatesDropped: number;
  /** Next answers to give instead of OK ('down' = HTTP 503, or a gateway error code). */
  failNext: string[];
  close(): Promise<void>;
}

function listen(server: http.Server | SMTPServer): Promise<number> {
  return new Promise((resolve) => {
    (server as http.Server).listen(0, '127.0.0.1', () =>
      resolve(((server as http.Server).address() as AddressInfo).port),
    );
  });
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startFakeSmsGateway(
  options: { accessKeyId?: string; secret?: string } = {},
): Promise<FakeSmsGateway> {
  const accessKeyId = options.accessKeyId ?? 'LTAI-test-key';
  const secret = options.secret ?? 'test-secret-0123456789';
  const seen = new Map<string, string>();
  const gateway: Omit<FakeSmsGateway, 'url' | 'close'> = {
    accessKeyId,
    secret,
    messages: [],
    requests: 0,
    duplicatesDropped: 0,
    failNext: [],
  };
  const server = http.createServer(async (request, response) => {
    gateway.requests += 1;
    const body = await readBody(request);
    const answer = (status: number, json: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    const forced = gateway.failNext.shift();
    if (forced === 'down') return answer(503, { Code: 'ServiceUnavailable', Message: 'try later' });
    const timestamp = String(request.headers['x-acs-timestamp'] ?? '');
    const nonce = String(request.headers['x-acs-nonce'] ?? '');
    const expected = signSms(
      secret,
      smsStringToSign('POST', new URL(request.url ?? '/', 'http://x').pathname, timestamp, nonce, body),
    );
    if (request.headers['x-acs-access-key-id'] !== accessKeyId)
      return answer(403, { Code: 'InvalidAccessKeyId.NotFound', Message: 'unknown key' });
    if (request.headers['x-acs-signature'] !== expected)
      return answer(403, { Code: 'SignatureDoesNotMatch', Message: 'bad signature' });
    if (forced) return answer(200, { Code: forced, Message: 'refused by test' });
    const parsed = JSON.parse(body) as {
      PhoneNumbers: string;
      SignName: string;
      TemplateCode: string;
      TemplateParam: string;
      OutId: string;
    };
    const known = seen.get(parsed.OutId);
    if (known) {
      gateway.duplicatesDropped += 1;
      return answer(200, { Code: 'OK', Message: 'OK (repeat ignored)', BizId: known, RequestId: nonce });
    }
    const bizId = `biz-${seen.size + 1}`;
    seen.set(parsed.OutId, bizId);
    gateway.messages.push({
      phone: parsed.PhoneNumbers,
      templateCode: parsed.TemplateCode,
      params: JSON.parse(parsed.TemplateParam),
      outId: parsed.OutId,
      signName: parsed.SignName,
    });
    return answer(200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: nonce });
  });
  const port = await listen(server);
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${port}/sms/send`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface FakeWecomRobot {
  url: string;
  messages: Array<{ content: string; mentions: string[]; idempotencyKey: string }>;
  failNext: Array<'down' | number>;
  close(): Promise<void>;
}

export async function startFakeWecomRobot(): Promise<FakeWecomRobot> {
  const robot: Omit<FakeWecomRobot, 'url' | 'close'> = { messages: [], failNext: [] };
  const server = http.createServer(async (request, response) => {
    const body = await readBody(request);
    const forced = robot.failNext.shift();
    response.setHeader('content-type', 'application/json');
    if (forced === 'down') {
      response.writeHead(502);
      return response.end('{}');
    }
    if (!new URL(request.url ?? '/', 'http://x').searchParams.get('key'))
      return response.end(JSON.stringify({ errcode: 93000, errmsg: 'invalid webhook url' }));
    if (typeof forced === 'number')
      return response.end(JSON.stringify({ errcode: forced, errmsg: 'refused by test' }));
    const parsed = JSON.parse(body) as { text: { content: string; mentioned_mobile_list?: string[] } };
    robot.messages.push({
      content: parsed.text.content,
      mentions: parsed.text.mentioned_mobile_list ?? [],
      idempotencyKey: String(request.headers['x-idempotency-key'] ?? ''),
    });
    return response.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
  });
  const port = await listen(server);
  return Object.assign(robot, {
    url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test-robot-key-123456`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface FakeSmtpServer {
  port: number;
  messages: Array<{ from: string; to: string[]; raw: string }>;
  close(): Promise<void>;
}

export async function startFakeSmtpServer(
  options: { user?: string; password?: string } = {},
): Promise<FakeSmtpServer> {
  const messages: FakeSmtpServer['messages'] = [];
  const server = new SMTPServer({
    authOptional: !options.user,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
  );
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
