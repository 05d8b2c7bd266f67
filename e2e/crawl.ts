import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { NetworkWatch, waitForData } from './crawl-network.js';
import { crawlInitScript } from './crawl-page.js';
import { type CrawlOptions, type CrawlReport, crawlLocales, defaultSlowMs } from './crawl-types.js';
import {
  applyFaults,
  checkView,
  type MenuEntry,
  navigate,
  readMenu,
  slug,
  switchLanguage,
} from './crawl-view.js';
import { newContext, signInAs } from './harness.js';

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

export { loginsPerRole, printedLogins, roleLabel } from './crawl-logins.js';
export * from './crawl-types.js';

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
  // `${locale} ${path}` a role has already checked: what another role repeats in the same language
  // adds no translation to check, only minutes to CI.
  const seenInLocale = new Set<string>();
  const full = options.full ?? process.env.CRAWL_FULL === '1';
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
        const alreadySeen = seenInLocale.has(`${locale} ${pathname}`);
        seenInLocale.add(`${locale} ${pathname}`);
        // Every role sees every page of its menu in the first language (its data and rights differ)
        // and again warm in the second, which times it; the third only for pages not yet seen in it.
        if (!full && alreadySeen && localeIndex >= 2) continue;
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
        if (!full && alreadySeen && localeIndex >= 1) continue;

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
    `crawl: ${report.pages.length} pages × ${report.logins.length} roles × ${report.locales.length} languages, ${report.visits} visits, ${report.failures.length} failures`,
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
