import type { Page } from 'playwright-core';
import type { Locale } from '../contracts/locales.js';
import type { NetworkWatch } from './crawl-network.js';
import { readView } from './crawl-page.js';
import { findHalfWidthPunctuation, findIdentifiers, wrongScriptCharacters } from './crawl-text.js';
import type { CrawlFailure, CrawlFaults, CrawlLogin, FailureKind } from './crawl-types.js';

export interface MenuEntry {
  key: string;
  path: string;
  label: string;
}

/** The side menu as the app draws it for this user: every link, sub-menus opened. */
export async function readMenu(page: Page): Promise<MenuEntry[]> {
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

/** Client-side navigation, as a click on the menu does: the app is already loaded. */
export async function navigate(page: Page, pathname: string): Promise<void> {
  await page.evaluate((target) => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, pathname);
}

export async function switchLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('lang-switch').click();
  await page.getByTestId(`lang-${locale}`).click();
  await page.waitForFunction((target) => document.documentElement.lang === target, locale);
  await page.keyboard.press('Escape');
}

/** Puts the chosen problems back into what the page shows (test-only; see CrawlFaults). */
export async function applyFaults(page: Page, faults: CrawlFaults): Promise<void> {
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
export async function checkView(
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

export function slug(text: string): string {
  return (
    text
      .replace(/^\//, '')
      .replace(/[^a-zA-Z0-9]+/g, '-')
      .replace(/-+$/, '') || 'home'
  );
}
