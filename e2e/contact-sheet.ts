import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { ScreenShot } from './crawl.js';
import { roleLabel } from './crawl.js';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[character]};`,
  );
}

/**
 * One PNG of thumbnails with captions (role · login · page), one row per role, composed by the
 * browser itself: an HTML page of the screenshots, rendered and captured.
 */
export async function writeContactSheet(
  browser: Browser,
  screens: ScreenShot[],
  file: string,
): Promise<void> {
  const rows = new Map<string, ScreenShot[]>();
  for (const screen of screens) {
    const key = `${roleLabel(screen.role)} · ${screen.username}`;
    rows.set(key, [...(rows.get(key) ?? []), screen]);
  }
  const columns = Math.max(...[...rows.values()].map((row) => row.length), 1);
  const cells = (row: ScreenShot[]) =>
    row
      .map(
        (screen) => `<figure>
          <img src="data:image/png;base64,${fs.readFileSync(screen.file).toString('base64')}" />
          <figcaption>${escapeHtml(screen.label)}<span>${escapeHtml(screen.path)}</span></figcaption>
        </figure>`,
      )
      .join('');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8" /><style>
    body { margin: 0; padding: 16px; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif; background: #f0f2f5; }
    h1 { font-size: 20px; margin: 0 0 12px; }
    section { display: flex; align-items: flex-start; gap: 8px; margin-bottom: 12px; }
    h2 { flex: none; width: 120px; font-size: 14px; margin: 4px 0; }
    figure { margin: 0; width: 200px; background: #fff; border: 1px solid #d9d9d9; border-radius: 4px; overflow: hidden; }
    img { display: block; width: 200px; height: 150px; object-fit: cover; object-position: top left; }
    figcaption { font-size: 12px; padding: 4px 6px; line-height: 1.4; }
    figcaption span { display: block; color: #8c8c8c; font-family: monospace; font-size: 11px; }
  </style></head><body>
    <h1>迎客 Yingke — 各角色的每个页面(1024 px,简体中文)</h1>
    ${[...rows.entries()].map(([caption, row]) => `<section><h2>${escapeHtml(caption)}</h2>${cells(row)}</section>`).join('')}
  </body></html>`;
  const page = await browser.newPage({ viewport: { width: 160 + columns * 208 + 32, height: 600 } });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: file, fullPage: true });
  await page.close();
}
