import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { AppInstance } from '../platform/http/types.js';
import { testPassword } from './factories.js';
import type { TestDatabase } from './test-database.js';

export interface TestClock {
  now: () => Date;
  set(date: Date | string): void;
  advance(ms: number): void;
}

export function createClock(start: Date | string = '2026-11-27T02:00:00.000Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (date) => {
      current = new Date(date);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

export async function buildTestApp(
  database: TestDatabase,
  clock: TestClock = createClock(),
): Promise<AppInstance> {
  const app = await buildApp({ database, now: clock.now });
  await app.ready();
  return app;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A signed-in browser as the API sees it: session cookie plus CSRF header on every change. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** POSTs one file as the multipart field `file`, as a browser's upload sends it. */
  upload(
    url: string,
    file: Buffer,
    options?: { fileName?: string; contentType?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const boundary = '----yingke-test-upload';

/** A multipart/form-data body holding one file in the field `file`. */
function multipartFile(file: Buffer, fileName: string, contentType: string): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

export async function signIn(
  app: AppInstance,
  username: string,
  password = testPassword,
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((item) => item.name === 'yk_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = response.json().csrfToken as string;
  const session: TestSession = {
    cookie: `yk_session=${cookie.value}`,
    csrfToken,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie: session.cookie, 'x-csrf-token': csrfToken, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    upload: (url, file, options = {}) =>
      session.request(
        'POST',
        url,
        multipartFile(file, options.fileName ?? 'upload.xlsx', options.contentType ?? xlsxType),
        { 'content-type': `multipart/form-data; boundary=${boundary}`, ...options.headers },
      ),
  };
  return session;
}

/**
 * One signed-in session per person, made on first use: `const as = sessionsOf(() => app)` and then
 * `await as(consultant)`. The app is read when first asked for (tests build it in beforeAll).
 */
export function sessionsOf(app: () => AppInstance): (person: { username: string }) => Promise<TestSession> {
  const sessions = new Map<string, Promise<TestSession>>();
  return (person) => {
    let session = sessions.get(person.username);
    if (!session) {
      session = signIn(app(), person.username);
      sessions.set(person.username, session);
    }
    return session;
  };
}
