/**
 * The crawl's page detectors: functions that run inside the browser page (passed to
 * `page.evaluate`), so they may use only the DOM and what they are given. Proven on crafted pages by
 * crawl-detectors.e2e.ts.
 */

/**
 * Text a user sees on the page (and in open drawers and dialogs), one entry per line, and the
 * placeholders of visible fields. The browser's own `innerText` leaves out what is hidden; text marked
 * `translate="no"` (data shown as typed: a login name, a code the user entered) is left out too.
 */
export function visibleTexts(): string[] {
  let text = document.body.innerText;
  for (const element of document.querySelectorAll<HTMLElement>('[translate="no"], [aria-hidden="true"]')) {
    const own = element.innerText?.trim();
    if (own) text = text.split(own).join('\n');
  }
  const texts = new Set(
    text
      // a line, or a table cell (innerText parts cells with a tab)
      .split(/[\n\t]/)
      .map((line) => line.replace(/\s+/g, ' ').trim())
      .filter(Boolean),
  );
  for (const input of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input[placeholder], textarea[placeholder]',
  )) {
    if (input.placeholder && input.checkVisibility() && !input.closest('[translate="no"]'))
      texts.add(input.placeholder.trim());
  }
  return [...texts];
}

/** True while the page shows it is still loading: a spinner, an active skeleton. */
export function isBusy(): boolean {
  for (const element of document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) return true;
  }
  return false;
}

export interface ListState {
  /** Lists on screen that show the "no data" placeholder, with their test id or header. */
  empty: string[];
  /** Lists on screen with at least one row. */
  withRows: number;
}

/** The tables and lists on screen: which show 暂无数据 / No data, how many show rows. */
export function listState(): ListState {
  const empty: string[] = [];
  let withRows = 0;
  for (const list of document.querySelectorAll<HTMLElement>('.ant-table-wrapper, .ant-list')) {
    const box = list.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    // a table nested in another's expanded row is part of that row
    if (list.parentElement?.closest('.ant-table-wrapper, .ant-list')) continue;
    const rows = list.querySelectorAll('.ant-table-row, .ant-list-item').length;
    if (rows > 0) withRows += 1;
    else if (list.querySelector('.ant-empty, .ant-table-placeholder')) {
      const named = list.closest('[data-testid]')?.getAttribute('data-testid');
      const header = [...list.querySelectorAll('th')]
        .map((cell) => cell.textContent?.trim())
        .filter(Boolean)
        .slice(0, 3)
        .join(' / ');
      empty.push(named ?? (header || 'list'));
    }
  }
  return { empty, withRows };
}

/** What sticks out at this window width: the page itself, or a table's columns cut off or out of place. */
export function overflowProblems(): string[] {
  const problems: string[] = [];
  const width = window.innerWidth;
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width + 1) problems.push(`the page is ${pageWidth} px wide in a ${width} px window`);
  for (const table of document.querySelectorAll<HTMLElement>('.ant-table-wrapper')) {
    const tableBox = table.getBoundingClientRect();
    if (tableBox.width === 0 || tableBox.height === 0) continue;
    const name = table.closest('[data-testid]')?.getAttribute('data-testid') ?? 'table';
    // the header row says where every column is
    for (const cell of table.querySelectorAll<HTMLElement>('thead th')) {
      const box = cell.getBoundingClientRect();
      if (box.width === 0) continue;
      const label = cell.textContent?.trim() || 'column';
      const fixed = /ant-table-cell-fix-(left|right|start|end)/.test(cell.className);
      // Up through the boxes that clip: a box that hides must hold the column; a box that scrolls
      // may run past it (a fixed column must not) and ends the walk. antd's separate header box
      // hides its overflow but scrolls with the body.
      let problem: string | null = null;
      let scroller: HTMLElement | null = null;
      for (let node = cell.parentElement; node && node !== document.body; node = node.parentElement) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow === 'visible') continue;
        const bounds = node.getBoundingClientRect();
        const outside = box.right > bounds.right + 1 || box.left < bounds.left - 1;
        if (/auto|scroll/.test(overflow) || node.classList.contains('ant-table-header')) {
          if (fixed && outside) problem = `fixed column "${label}" is out of its table`;
          scroller = node;
          break;
        }
        if (outside) {
          problem = `column "${label}" is cut off (${Math.round(box.left)}–${Math.round(box.right)} px, visible ${Math.round(bounds.left)}–${Math.round(bounds.right)} px)`;
          break;
        }
      }
      const end = scroller ? scroller.getBoundingClientRect().right : box.right;
      if (!problem && end > width + 1) problem = `column "${label}" ends at ${Math.round(end)} px`;
      if (problem) problems.push(`${name}: ${problem}`);
    }
  }
  return problems;
}

export interface ViewState {
  texts: string[];
  overflow: string[];
  lists: ListState;
}

/**
 * The detectors as a script for `context.addInitScript`: each page then has `window.__crawl`, and a
 * view is read in one trip (`readView`). Functions are sent by their source, so each must stand alone.
 */
export function crawlInitScript(): string {
  return `
    window.__name = (value) => value;
    window.__crawl = {
      visibleTexts: ${visibleTexts.toString()},
      isBusy: ${isBusy.toString()},
      listState: ${listState.toString()},
      overflowProblems: ${overflowProblems.toString()},
    };`;
}

type CrawlWindow = typeof window & {
  __crawl: {
    visibleTexts: typeof visibleTexts;
    isBusy: typeof isBusy;
    listState: typeof listState;
    overflowProblems: typeof overflowProblems;
  };
};

/** Every reading of a view in one trip to the page (needs crawlInitScript). */
export function readView(): ViewState {
  const crawl = (window as CrawlWindow).__crawl;
  return { texts: crawl.visibleTexts(), overflow: crawl.overflowProblems(), lists: crawl.listState() };
}

/** The page is still loading (needs crawlInitScript). */
export function readBusy(): boolean {
  return (window as CrawlWindow).__crawl.isBusy();
}
