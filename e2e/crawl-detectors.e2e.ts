import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlInitScript, readBusy, readView } from './crawl-page.js';
import { launchBrowser } from './harness.js';

/** The crawl's page detectors (crawl-page.ts) on crafted pages at 1024 px: each finds what it is for. */
describe('crawl page detectors', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function show(body: string): Promise<void> {
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; } .ant-table-wrapper { width: 600px; }
    </style></head><body>${body}</body></html>`);
    await page.addScriptTag({ content: crawlInitScript() });
  }

  it('reads the text a user sees: placeholders too, not hidden text nor data marked translate="no"', async () => {
    await show(`<h1>客户管理</h1>
      <input placeholder="请输入name" />
      <div style="display:none">hiddenKey</div>
      <span translate="no">zhangwei</span>
      <p>共 <b>3</b> 条</p>`);
    const { texts } = await page.evaluate(readView);
    expect(texts).toContain('客户管理');
    expect(texts).toContain('请输入name');
    expect(texts.join('\n')).not.toContain('hiddenKey');
    expect(texts.join('\n')).not.toContain('zhangwei');
  });

  it('finds a page wider than the window and a table column cut off, not a table that scrolls', async () => {
    await show('<div style="width: 1300px">宽</div>');
    expect((await page.evaluate(readView)).overflow).toEqual([
      'the page is 1300 px wide in a 1024 px window',
    ]);

    // the per-agent statistics table of issue 14 item 7: its box clips the last columns
    await show(`<div class="ant-table-wrapper" data-testid="agent-stats" style="overflow: hidden">
      <table style="width: 900px"><thead><tr><th style="width: 450px">坐席</th><th style="width: 450px">接听</th></tr></thead></table>
    </div>`);
    const cut = (await page.evaluate(readView)).overflow;
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatch(/^agent-stats: column "接听" is cut off/);

    // a fixed column must stay inside the scrolling box
    await show(`<div class="ant-table-wrapper" data-testid="plans"><div style="overflow: auto; width: 600px">
      <table style="width: 900px"><thead><tr><th style="width: 800px">方案</th>
      <th class="ant-table-cell-fix-right" style="width: 100px; position: relative; left: 0">操作</th></tr></thead></table>
    </div></div>`);
    expect((await page.evaluate(readView)).overflow[0]).toMatch(
      /^plans: fixed column "操作" is out of its table/,
    );

    await show(`<div class="ant-table-wrapper"><div style="overflow: auto; width: 600px">
      <table style="width: 900px"><thead><tr><th style="width: 800px">方案</th><th style="width: 100px">操作</th></tr></thead></table>
    </div></div>`);
    expect((await page.evaluate(readView)).overflow).toEqual([]);
  });

  it('tells a list showing no data from one showing rows', async () => {
    await show(`<div data-testid="book-table"><div class="ant-table-wrapper"><table>
        <thead><tr><th>姓名</th><th>电话</th></tr></thead>
        <tbody class="ant-table-tbody"><tr class="ant-table-placeholder"><td><div class="ant-empty">暂无数据</div></td></tr></tbody>
      </table></div></div>
      <div class="ant-table-wrapper"><table><tbody><tr class="ant-table-row"><td>张三</td></tr></tbody></table></div>`);
    expect((await page.evaluate(readView)).lists).toEqual({ empty: ['book-table'], withRows: 1 });
  });

  it('sees a page still loading while a spinner turns', async () => {
    await show('<div class="ant-spin ant-spin-spinning" style="width: 20px; height: 20px"></div>');
    expect(await page.evaluate(readBusy)).toBe(true);
    await show('<div class="ant-spin" style="width: 20px; height: 20px"></div>');
    expect(await page.evaluate(readBusy)).toBe(false);
  });
});
