import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import type { Locale } from '../contracts/locales.js';
import { type Role, roleLabels, roles } from '../contracts/roles.js';
import { crawlInitScript, readBusy, readView } from './crawl-page.js';
import { findHalfWidthPunctuation, findIdentifiers, wrongScriptCharacters } from './crawl-text.js';
import { demoPassword, newContext, signInAs } from './harness.js';

/**
 * The crawl of issue 14: every demo role, in every language, with the PC in a zone other than
 * Shanghai, opens every page of its own menu (read from the side menu the app draws), the tabs and
 * drawers a test id marks, and records what a user would trip over. See crawl.e2e.ts and README's
 * "Screens" section.
 *
 * Marking what the crawl opens:
 * - a tab: an antd Tabs label carrying a `data-testid` (e.g. `tab-templates`) is clicked;
 * - a drawer or dialog: a button whose `data-testid` ends in `-drawer-open`, or that carries
 *   `data-crawl="drawer"` beside its test id, is clicked (the first of each test id on the page),
 *   checked like the page, and closed with Escape.
 * - text shown as data (a login name, a typed code) sits in an element with `translate="no"`.
 *
 * An API answer of 4xx/5xx fails the page unless the request said it expects it: the web app's api
 * client sends `X-Expect-Status: 404` (e.g.) for a request whose refusal the page handles as an
 * ordinary outcome.
 */

export const crawlLocales: Locale[] = ['zh-CN', 'zh-TW', 'en'];

export type FailureKind =
  | 'console error'
  | 'API error'
  | 'raw identifier'
  | 'wrong script'
  | 'punctuation'
  | 'overflow'
  | 'empty list'
  | 'slow'
  | 'did not load';

export interface CrawlFailure {
  username: string;
  role: Role;
  locale: Locale;
  /** The page's address, with `#tab` or `>drawer` when it was found in one. */
  where: string;
  kind: FailureKind;
  message: string;
}

export interface CrawlLogin {
  username: string;
  role: Role;
}

export interface ScreenShot {
  username: string;
  role: Role;
  path: string;
  label: string;
  file: string;
}

export interface PageTiming {
  username: string;
  path: string;
  ms: number;
}

export interface CrawlReport {
  logins: CrawlLogin[];
  locales: Locale[];
  /** Distinct menu addresses visited over all roles. */
  pages: string[];
  visits: number;
  failures: CrawlFailure[];
  timings: PageTiming[];
  screens: ScreenShot[];
}

/**
 * Test-only switches that put problems of issue 14 back into what the browser shows, so a test can
 * prove the crawl catches them (crawl-faults.e2e.ts). Never set by the product or by `npm test`'s crawl.
 */
export interface CrawlFaults {
  /** "请输入name": a placeholder becomes a raw field name (issue item 4). */
  rawPlaceholder?: boolean;
  /** CS-4's "樓門的嗎" written into the page's first heading (item 9). */
  traditionalInSimplified?: boolean;
  /** Every list's rows are hidden and the empty placeholder shown while the API returned rows (item 1). */
  emptyListWithRows?: boolean;
  /** A table's fixed column pushed beyond its box (item 7). */
  tableCutOff?: boolean;
  /** Every API answer of the page held back this long (a slow page). */
  apiDelayMs?: number;
  /** GET answers of the page replaced by a 500. */
  apiError?: boolean;
}

export interface CrawlOptions {
  baseUrl: string;
  browser: Browser;
  /** The logins to crawl; by default one per role, found from the demo logins the server printed. */
  logins: CrawlLogin[];
  locales?: Locale[];
  /** The PC's zone; never Shanghai, so a page that reads the browser's zone shows it. */
  timezoneId?: string;
  /** A page must show its data within this (measured warm, on the second visit). */
  slowMs?: number;
  /** Where the Chinese screenshot of every page goes (and the contact sheet); none when unset. */
  screensDir?: string;
  /** Only these menu addresses (a faults test crawls one page). */
  onlyPaths?: string[];
  faults?: CrawlFaults;
  /** Told of each visit as it ends, for a progress line. */
  log?: (line: string) => void;
}

/** The crawl's default page-time limit: CRAWL_SLOW_MS, else 1 s. */
export function defaultSlowMs(): number {
  const value = Number(process.env.CRAWL_SLOW_MS);
  return Number.isFinite(value) && value > 0 ? value : 1000;
}

/** The demo logins the server printed on first start (`  username   名字(职务)`). */
export function printedLogins(serverOutput: string): string[] {
  const block = serverOutput.split(/Demo logins[^\n]*\n/)[1] ?? '';
  const names: string[] = [];
  for (const line of block.split('\n')) {
    const match = /^ {2}([a-z0-9_.-]+)\s+\S/.exec(line);
    if (!match) break;
    names.push(match[1]);
  }
  return names;
}

/**
 * One login per role, the first printed that holds it, from the roles each login's session carries:
 * a role the demo adds later is crawled without editing this file.
 */
export async function loginsPerRole(baseUrl: string, usernames: string[]): Promise<CrawlLogin[]> {
  const found = new Map<Role, string>();
  for (const username of usernames) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword }),
    });
    if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
    const session = (await response.json()) as { user: { roles: Array<{ role: Role }> } };
    for (const grant of session.user.roles) if (!found.has(grant.role)) found.set(grant.role, username);
  }
  return roles.filter((role) => found.has(role)).map((role) => ({ role, username: found.get(role)! }));
}

interface MenuEntry {
  key: string;
  path: string;
  label: string;
}

/** The side menu as the app draws it for this user: every link, sub-menus opened. */
async function readMenu(page: Page): Promise<MenuEntry[]> {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor();
  const collapsed = await page.locator('.ant-layout-sider-collapsed').count();
  if (collapsed) await page.getByTestId('menu-toggle').click();
  for (const group of await menu.locator('[data-testid^="menu-group-"]').all()) {
    const open = await group.evaluate((element) => element.closest('.ant-menu-submenu-open') !== null);
    if (!open) await group.click();
  }
  await page.waitForTimeout(300);
  const entries = await menu.locator('a[data-testid^="menu-"]').evaluateAll((links) =>
    links.map((link) => ({
      key: (link.getAttribute('data-testid') ?? '').replace(/^menu-/, ''),
      path: new URL((link as HTMLAnchorElement).href).pathname,
      label: link.textContent?.trim() ?? '',
    })),
  );
  // back as a 1024 px tablet shows it
  if (collapsed) await page.getByTestId('menu-toggle').click();
  return entries;
}

/** Follows the page's requests: how many are open, and the list answers and data each visit got. */
class NetworkWatch {
  pending = new Set<Request>();
  /** Failures of this visit: API errors nobody expected, console errors. */
  problems: Array<{ kind: FailureKind; message: string }> = [];
  /** Paged list answers (`{ items, total }`) to requests this visit made: url → number of items. */
  lists: Array<{ url: string; count: number }> = [];
  /** Requests made before this visit began: their answers belong to the page before. */
  private earlier = new Set<Request>();
  /** Every string of every JSON answer of this login, joined: what users typed, shown as data. */
  private data = '';
  private dataStrings = new Set<string>();

  constructor(page: Page) {
    page.on('request', (request) => {
      if (request.url().includes('/api/live')) return;
      this.pending.add(request);
    });
    page.on('requestfinished', (request) => void this.finished(request));
    page.on('requestfailed', (request) => this.pending.delete(request));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // the browser's own line for a failed answer; the answer itself is judged below
      if (/^Failed to load resource: the server responded with a status of \d+/.test(text)) return;
      this.problems.push({ kind: 'console error', message: text.slice(0, 300) });
    });
    page.on('pageerror', (error) => {
      this.problems.push({ kind: 'console error', message: `uncaught: ${error.message.slice(0, 300)}` });
    });
  }

  /** The text with the values the server sent in it blanked out: the page's own wording around them. */
  withoutData(text: string): string {
    let rest = text;
    for (const value of this.dataStrings)
      if (value.length >= 2 && rest.includes(value)) rest = rest.split(value).join(' ');
    return rest;
  }

  /** The text is (part of) a value the server sent, not the page's own wording. */
  isData(text: string): boolean {
    return this.data.includes(text);
  }

  reset(): void {
    this.problems = [];
    this.lists = [];
    this.earlier = new Set(this.pending);
  }

  private async finished(request: Request): Promise<void> {
    try {
      const response = await request.response();
      if (response) await this.judge(request, response);
    } catch {
      // the page went away meanwhile
    } finally {
      this.pending.delete(request);
    }
  }

  private async judge(request: Request, response: Response): Promise<void> {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const status = response.status();
    if (status >= 400) {
      const expected = (await request.allHeaders())['x-expect-status'] ?? '';
      if (expected.split(/[,\s]+/).includes(String(status))) return;
      const body = (await response.text().catch(() => '')).slice(0, 200);
      this.problems.push({
        kind: 'API error',
        message: `${request.method()} ${url.pathname}${url.search} answered ${status} ${body}`,
      });
      return;
    }
    if (!(response.headers()['content-type'] ?? '').includes('json')) return;
    const body: unknown = await response.json().catch(() => undefined);
    const before = this.dataStrings.size;
    collectStrings(body, this.dataStrings);
    if (this.dataStrings.size !== before) this.data = [...this.dataStrings].join('\u0000');
    if (request.method() !== 'GET') return;
    const paged =
      body && typeof body === 'object' && 'items' in body && Array.isArray(body.items) && 'total' in body;
    if (paged && !this.earlier.has(request))
      this.lists.push({ url: `${url.pathname}${url.search}`, count: (body.items as unknown[]).length });
  }
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length > 0 && value.length < 500) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
}

/**
 * Waits until the page shows its data: no request of the page open and no spinner, for a moment.
 * Returns when that state began, so the quiet moment is not counted.
 */
async function waitForData(page: Page, watch: NetworkWatch, timeoutMs = 20_000): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let readySince: number | null = null;
  while (Date.now() < deadline) {
    const busy = watch.pending.size > 0 || (await page.evaluate(readBusy).catch(() => true));
    const now = Date.now();
    if (busy) readySince = null;
    else if (readySince === null) readySince = now;
    else if (now - readySince >= 250) return readySince;
    await page.waitForTimeout(50);
  }
  return null;
}

/** Client-side navigation, as a click on the menu does: the app is already loaded. */
async function navigate(page: Page, pathname: string): Promise<void> {
  await page.evaluate((target) => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, pathname);
}

async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`lang-${locale}`).click();
  await page.waitForFunction((target) => document.documentElement.lang === target, locale);
  await page.keyboard.press('Escape');
}

/** Puts the chosen problems back into what the page shows (test-only; see CrawlFaults). */
async function applyFaults(page: Page, faults: CrawlFaults): Promise<void> {
  await page.evaluate((chosen) => {
    if (chosen.rawPlaceholder) {
      const input = document.querySelector<HTMLInputElement>('main input, .ant-layout-content input');
      if (input) input.placeholder = '请输入name';
      else {
        const extra = document.createElement('input');
        extra.placeholder = '请输入name';
        document.querySelector('.ant-layout-content')?.prepend(extra);
      }
    }
    if (chosen.traditionalInSimplified) {
      const heading = document.createElement('div');
      heading.textContent = '请问您找哪个樓門的嗎？';
      document.querySelector('.ant-layout-content')?.prepend(heading);
    }
    if (chosen.emptyListWithRows) {
      for (const table of document.querySelectorAll('.ant-table-wrapper')) {
        for (const row of table.querySelectorAll<HTMLElement>('.ant-table-row')) row.remove();
        const body = table.querySelector('.ant-table-tbody');
        if (body)
          body.insertAdjacentHTML(
            'beforeend',
            '<tr class="ant-table-placeholder"><td><div class="ant-empty">暂无数据</div></td></tr>',
          );
      }
    }
    if (chosen.tableCutOff) {
      const table = document.querySelector<HTMLElement>('.ant-table-wrapper');
      if (table) {
        table.style.overflow = 'hidden';
        const inner = table.querySelector<HTMLElement>('table');
        if (inner) inner.style.minWidth = '2400px';
        // the table's own boxes clip instead of scrolling
        for (const box of table.querySelectorAll<HTMLElement>(
          '.ant-table-header, .ant-table-content, .ant-table-body',
        )) {
          box.style.overflow = 'hidden';
          box.classList.remove('ant-table-header');
        }
      }
    }
  }, faults);
}

/** Every check of one view (a page, a tab, a drawer), added to `failures`. */
async function checkView(
  page: Page,
  watch: NetworkWatch,
  context: { login: CrawlLogin; locale: Locale; where: string },
  failures: CrawlFailure[],
): Promise<void> {
  const fail = (kind: FailureKind, message: string) =>
    failures.push({
      username: context.login.username,
      role: context.login.role,
      locale: context.locale,
      where: context.where,
      kind,
      message,
    });

  for (const problem of watch.problems) fail(problem.kind, problem.message);

  const view = await page.evaluate(readView);
  const texts = view.texts;
  const isData = (text: string) => watch.isData(text);
  if (context.locale !== 'en') {
    const script = context.locale === 'zh-CN' ? 'simplified' : 'traditional';
    for (const text of texts) {
      // What users typed (names, addresses, notes, form numbers) is theirs to write: only an
      // identifier's shape (camelCase, snake_case, a dotted code) is wrong in data too.
      const data = isData(text);
      for (const finding of findIdentifiers(text))
        if (!data || finding.reason !== 'Latin word in Chinese text')
          fail('raw identifier', `${finding.reason} "${finding.token}" in "${text.slice(0, 80)}"`);
      if (data) continue;
      for (const finding of findHalfWidthPunctuation(text))
        fail('punctuation', `${finding.reason} "${finding.token}" in "${text.slice(0, 80)}"`);
      // "项目经理 · 翠湖花园": a project's name typed in Simplified inside Traditional wording is data.
      let wrong = wrongScriptCharacters(text, script);
      if (wrong.length > 0 && script === 'traditional')
        wrong = wrongScriptCharacters(watch.withoutData(text), script);
      if (wrong.length > 0)
        fail(
          'wrong script',
          `${script === 'simplified' ? 'Traditional' : 'Simplified'} ${wrong.join('')} in "${text.slice(0, 80)}"`,
        );
    }
  } else {
    for (const text of texts)
      for (const finding of findIdentifiers(text))
        if (finding.reason !== 'Latin word in Chinese text')
          fail('raw identifier', `${finding.reason} "${finding.token}" in "${text.slice(0, 80)}"`);
  }

  for (const problem of view.overflow) fail('overflow', problem);

  const lists = view.lists;
  // More paged lists answered with rows than lists show rows: one of them shows 暂无数据 instead.
  if (lists.empty.length > 0) {
    const withRows = watch.lists.filter((list) => list.count > 0);
    if (withRows.length > lists.withRows)
      fail(
        'empty list',
        `${lists.empty.join(', ')} shows no data while ${withRows.map((list) => `GET ${list.url} returned ${list.count} rows`).join(', ')}`,
      );
  }
}

function slug(text: string): string {
  return (
    text
      .replace(/^\//, '')
      .replace(/[^a-zA-Z0-9]+/g, '-')
      .replace(/-+$/, '') || 'home'
  );
}

/** Runs the crawl; never throws for what it finds, only for a crawl that cannot run. */
export async function crawl(options: CrawlOptions): Promise<CrawlReport> {
  const locales = options.locales ?? crawlLocales;
  const slowMs = options.slowMs ?? defaultSlowMs();
  const report: CrawlReport = {
    logins: options.logins,
    locales,
    pages: [],
    visits: 0,
    failures: [],
    timings: [],
    screens: [],
  };
  const pageSet = new Set<string>();
  if (options.screensDir) fs.mkdirSync(options.screensDir, { recursive: true });

  for (const login of options.logins) {
    const context: BrowserContext = await newContext(options.browser, options.baseUrl, {
      timezoneId: options.timezoneId ?? 'America/New_York',
      locale: 'zh-CN',
    });
    await context.addInitScript({ content: crawlInitScript() });
    const page = await context.newPage();
    const watch = new NetworkWatch(page);
    if (options.faults?.apiDelayMs || options.faults?.apiError) {
      const faults = options.faults;
      await page.route(
        (url) => url.pathname.startsWith('/api/') && !/\/api\/(auth|live|me)\b/.test(url.pathname),
        async (route) => {
          if (faults.apiDelayMs) await new Promise((resolve) => setTimeout(resolve, faults.apiDelayMs));
          if (faults.apiError && route.request().method() === 'GET')
            await route.fulfill({
              status: 500,
              contentType: 'application/json',
              body: '{"error":{"code":"X","message":"boom"}}',
            });
          else await route.continue();
        },
      );
    }
    await signInAs(page, login.username);
    await waitForData(page, watch);
    let menu: MenuEntry[] | undefined;

    for (const [localeIndex, locale] of locales.entries()) {
      await switchLanguage(page, locale);
      const entries = await readMenu(page);
      menu ??= entries;
      const labels = new Map(entries.map((entry) => [entry.path, entry.label]));
      const paths = menu
        .map((entry) => entry.path)
        .filter((pathname) => !options.onlyPaths || options.onlyPaths.includes(pathname));
      for (const pathname of paths) {
        pageSet.add(pathname);
        watch.reset();
        const started = Date.now();
        await navigate(page, pathname);
        const readyAt = await waitForData(page, watch);
        report.visits += 1;
        const where = pathname;
        if (readyAt === null) {
          report.failures.push({
            ...login,
            locale,
            where,
            kind: 'did not load',
            message: 'still loading after 20 s',
          });
          continue;
        }
        // The second language's visit is the warm one: code and data were fetched once already.
        if (localeIndex === 1 || locales.length === 1) {
          const ms = readyAt - started;
          report.timings.push({ username: login.username, path: pathname, ms });
          if (ms > slowMs)
            report.failures.push({
              ...login,
              locale,
              where,
              kind: 'slow',
              message: `showed its data after ${ms} ms (limit ${slowMs} ms, second visit)`,
            });
        }
        if (options.faults) await applyFaults(page, options.faults);
        await checkView(page, watch, { login, locale, where }, report.failures);
        if (locale === 'zh-CN' && options.screensDir) {
          const file = path.join(options.screensDir, `${login.username}--${slug(pathname)}.png`);
          await page.screenshot({ path: file });
          report.screens.push({ ...login, path: pathname, label: labels.get(pathname) ?? pathname, file });
        }
        options.log?.(`${login.username} ${locale} ${pathname} ${Date.now() - started} ms`);

        // Tabs and drawers in the Chinese languages, where every check applies; the English pass
        // looks at the pages only, for raw codes and errors.
        if (locale === 'en' && locales.length > 1) continue;

        // tabs a test id marks
        const tabs = await page
          .locator('.ant-tabs-tab:not(.ant-tabs-tab-disabled) [data-testid]')
          .evaluateAll((labels) => labels.map((label) => label.getAttribute('data-testid') ?? ''));
        for (const tab of [...new Set(tabs)]) {
          const target = page.getByTestId(tab).first();
          if (!(await target.isVisible())) continue;
          watch.reset();
          await target.click();
          await waitForData(page, watch);
          report.visits += 1;
          await checkView(page, watch, { login, locale, where: `${pathname}#${tab}` }, report.failures);
        }

        // drawers a test id marks
        const openers = await page
          .locator('[data-testid$="-drawer-open"], [data-crawl="drawer"][data-testid]')
          .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-testid') ?? ''));
        for (const opener of [...new Set(openers)]) {
          const target = page.getByTestId(opener).first();
          if (!(await target.isVisible())) continue;
          watch.reset();
          await target.click();
          await page
            .locator('.ant-drawer-open, .ant-modal-wrap:not([style*="display: none"])')
            .first()
            .waitFor({ timeout: 10_000 })
            .catch(() => undefined);
          await waitForData(page, watch);
          report.visits += 1;
          await checkView(page, watch, { login, locale, where: `${pathname}>${opener}` }, report.failures);
          await page.keyboard.press('Escape');
          await page.waitForTimeout(200);
        }
      }
    }
    await context.close();
  }
  report.pages = [...pageSet];
  return report;
}

/** The crawl's summary line and its failures, one per line, grouped as a reader checks them. */
export function formatReport(report: CrawlReport): string {
  const lines = [
    `crawl: ${report.pages.length} pages × ${report.logins.length} roles × ${report.locales.length} languages visited, ${report.failures.length} failures`,
  ];
  const sorted = [...report.failures].sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) || a.where.localeCompare(b.where) || a.username.localeCompare(b.username),
  );
  for (const failure of sorted)
    lines.push(
      `  ✗ [${failure.kind}] ${failure.where} — ${failure.username} (${failure.role}), ${failure.locale}: ${failure.message}`,
    );
  const slowest = [...report.timings].sort((a, b) => b.ms - a.ms).slice(0, 8);
  if (slowest.length > 0)
    lines.push(
      `  slowest pages (warm): ${slowest.map((timing) => `${timing.path} ${timing.ms} ms (${timing.username})`).join(', ')}`,
    );
  return lines.join('\n');
}

/** Role names for captions, from the app's own labels. */
export function roleLabel(role: Role, locale: Locale = 'zh-CN'): string {
  return roleLabels[role][locale];
}
