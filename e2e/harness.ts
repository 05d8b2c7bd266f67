import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../bench/bench-server.js';
import { serverNodeArgs } from '../scripts/build.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = path.resolve(import.meta.dirname, 'screenshots');
const projectRoot = path.resolve(import.meta.dirname, '..');

export const demoPassword = 'Yingke2026';

export interface E2eServer {
  baseUrl: string;
  databaseUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real server (built UI, fresh SQLite database, demo data) on a free port. */
export async function startE2eServer(env: Record<string, string> = {}): Promise<E2eServer> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yingke-e2e-'));
  const databaseUrl = `sqlite:${path.join(dir, 'e2e.db')}`;
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [...serverNodeArgs, path.join(projectRoot, 'dist/server/main.js')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        YINGKE_CHECK_RESPONSES: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready in 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    databaseUrl,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API and returns a caller that sends the session cookie and CSRF token. */
export async function apiSession(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

type ContextOptions = {
  device?: 'tablet' | 'desktop' | 'phone';
  locale?: string;
  /** The PC's own zone; the product shows and takes times in the project's (Asia/Shanghai) whatever it is. */
  timezoneId?: string;
};

/** A staff tablet (1024 px) or a buyer phone (375 px), Chinese by default, animations off. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const viewport = {
    tablet: { width: 1024, height: 768 },
    desktop: { width: 1366, height: 900 },
    phone: { width: 375, height: 740 },
  }[options.device ?? 'tablet'];
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: options.locale ?? 'zh-CN',
    timezoneId: options.timezoneId ?? 'Asia/Shanghai',
  });
  await context.addInitScript(() => window.localStorage.setItem('ykNoMotion', '1'));
  return context;
}

export interface E2eSuite {
  /** The running server; there from the suite's beforeAll on. */
  readonly server: E2eServer;
  readonly browser: Browser;
  /** A fresh browser context on the server (a tablet in Chinese unless told). */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context, signed in as `username`. */
  signedInPage(username: string, options?: ContextOptions): Promise<Page>;
}

/**
 * Starts one server and one browser before the tests of the calling describe block and stops them
 * after; call it at the top of the block, before the block's own hooks that use them.
 */
export function useE2eSuite(env: Record<string, string> = {}): E2eSuite {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startE2eServer(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const suite: E2eSuite = {
    get server() {
      if (!server) throw new Error('the e2e server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    newContext: (options) => newContext(suite.browser, suite.server.baseUrl, options),
    async signedInPage(username, options) {
      const page = await (await suite.newContext(options)).newPage();
      await signInAs(page, username);
      return page;
    },
  };
  return suite;
}

export async function signInAs(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  // A full-page capture draws the fixed header and side menu where the window is scrolled to: from
  // the top they sit where a user sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
