import type { Page, Request, Response } from 'playwright-core';
import { readBusy } from './crawl-page.js';
import type { FailureKind } from './crawl-types.js';

/** Follows the page's requests: how many are open, and the list answers and data each visit got. */
export class NetworkWatch {
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

export function collectStrings(value: unknown, into: Set<string>): void {
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
export async function waitForData(
  page: Page,
  watch: NetworkWatch,
  timeoutMs = 20_000,
): Promise<number | null> {
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
