import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { crawlInitScript, readBusy, readView } from './crawl-page.js';
import { screenshot, signInAs, useE2eSuite } from './harness.js';

/**
 * The app shell on a phone (375 px), a tablet (1024 px) and a wall screen (1920 px): the top bar and
 * the pages under it never make the window scroll sideways (the crawl's overflow detector, which the
 * crawl runs at 1024 px only), and the menu, the presence switch and the user menu still work.
 */

// The phone last: by then the demo's scores are stored and the scorecard shows its figures.
const widths = { tablet: 1024, wall: 1920, phone: 375 } as const;
type Width = keyof typeof widths;

/** The pages each demo person opens most, the conformance scorecard and the wallboard among them. */
const visits: Array<{ username: string; paths: string[] }> = [
  { username: 'agent', paths: ['/calls/desk', '/conformance'] },
  { username: 'manager', paths: ['/dashboard', '/conformance', '/calls/wallboard'] },
  { username: 'admin', paths: ['/conformance', '/calls/wallboard'] },
];

describe('the app shell at 375, 1024 and 1920 px', () => {
  const suite = useE2eSuite();

  async function openAt(width: Width, username: string): Promise<Page> {
    // The wall screen is no device of the harness: its context is made here, as the wallboard test does.
    const context =
      width === 'wall'
        ? await suite.browser.newContext({
            baseURL: suite.server.baseUrl,
            viewport: { width: 1920, height: 1080 },
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
          })
        : await suite.newContext({ device: width });
    const page = await context.newPage();
    await page.addInitScript(() => window.localStorage.setItem('ykNoMotion', '1'));
    await page.addInitScript(crawlInitScript());
    await signInAs(page, username);
    return page;
  }

  /** Opens a page and waits until it has loaded what it shows. */
  async function visit(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.getByTestId('user-menu').waitFor({ timeout: 30_000 });
    await page.locator('.ant-layout-content > *').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(readBusy), { timeout: 30_000 }).toBe(false);
    // The dashboard's charts draw their series in an animation: let it end before the picture.
    await page.waitForTimeout(path === '/dashboard' ? 1500 : 300);
  }

  /** What sticks out of the window, and top-bar items outside it. */
  async function problemsOf(page: Page): Promise<string[]> {
    const { overflow } = await page.evaluate(readView);
    const bar = await page.evaluate(() => {
      const header = document.querySelector('.ant-layout-header');
      if (!header) return ['no top bar'];
      return [...header.querySelectorAll<HTMLElement>('button, a')]
        .map((item) => ({ item, box: item.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1))
        .map(({ item, box }) => `top bar: "${item.innerText.trim()}" at ${Math.round(box.right)} px`);
    });
    return [...overflow, ...bar];
  }

  for (const width of Object.keys(widths) as Width[])
    it(`no page scrolls sideways at ${widths[width]} px, the top bar included`, async () => {
      const found: string[] = [];
      for (const { username, paths } of visits) {
        const page = await openAt(width, username);
        for (const path of paths) {
          await visit(page, path);
          for (const problem of await problemsOf(page)) found.push(`${username} ${path}: ${problem}`);
          if (width !== 'wall' || path === '/calls/wallboard')
            await screenshot(page, `shell-${widths[width]}-${username}${path.replaceAll('/', '-')}`);
        }
        await page.context().close();
      }
      expect(found).toEqual([]);
    }, 240_000);

  it('in 繁體 and English, whose words run longer, the phone’s top bar and the desk fit too', async () => {
    const page = await openAt('phone', 'agent');
    const found: string[] = [];
    for (const locale of ['zh-TW', 'en', 'zh-CN']) {
      await visit(page, '/conformance');
      await page.getByTestId('lang-switch').click();
      await page.getByTestId(`lang-${locale}`).click();
      await page.getByTestId(`lang-${locale}`).waitFor({ state: 'hidden' });
      // The desk's call panel goes below its queue on a phone, longer English labels and all.
      for (const path of ['/conformance', '/calls/desk']) {
        await visit(page, path);
        if (locale === 'en') await screenshot(page, `shell-375-agent-en${path.replaceAll('/', '-')}`);
        for (const problem of await problemsOf(page)) found.push(`${locale} ${path}: ${problem}`);
      }
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('on a phone the menu opens as a drawer and takes one to a page; the user menu says whose it is', async () => {
    const page = await openAt('phone', 'manager');
    await visit(page, '/dashboard');
    await expect(page.getByTestId('side-menu-column').count()).resolves.toBe(0);
    await page.getByTestId('menu-toggle').click();
    const drawer = page.getByTestId('side-menu-drawer');
    await drawer.waitFor();
    await screenshot(page, 'shell-375-menu-open');
    await drawer.getByTestId('menu-conformance').click();
    await page.waitForURL((url) => url.pathname === '/conformance');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').waitFor();
    await expect(page.locator('.ant-dropdown').innerText()).resolves.toContain('王建国');
    await page.context().close();
  });

  it('on a tablet and a wall screen the side column stays and the company is named in the top bar', async () => {
    for (const width of ['tablet', 'wall'] as const) {
      const page = await openAt(width, 'manager');
      await visit(page, '/dashboard');
      await page.getByTestId('side-menu-column').waitFor();
      await expect(page.locator('.ant-layout-header').innerText()).resolves.toMatch(/\S{4,}/);
      await page.getByTestId('menu-toggle').click();
      await page.getByTestId('menu-conformance').click();
      await page.waitForURL((url) => url.pathname === '/conformance');
      await page.context().close();
    }
  });

  it('CONF the administrator’s drill-down says why it lists no records; the project manager’s lists them', async () => {
    const admin = await openAt('phone', 'admin');
    await visit(admin, '/conformance');
    await expect(admin.getByTestId('conformance-subjects-hidden').innerText()).resolves.toContain(
      '系统管理员只看汇总数字',
    );
    await expect(admin.getByTestId('conformance-subjects').count()).resolves.toBe(0);
    await admin.context().close();
    const manager = await openAt('tablet', 'manager');
    await visit(manager, '/conformance');
    await manager.getByTestId('conformance-subjects').waitFor();
    await expect(manager.getByTestId('conformance-subjects-hidden').count()).resolves.toBe(0);
    await manager.context().close();
  });
});
