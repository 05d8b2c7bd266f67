import type { Browser } from 'playwright-core';
import type { Locale } from '../contracts/locales.js';
import type { Role } from '../contracts/roles.js';

/** What the crawl (crawl.ts) is given and what it reports. */

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
  /**
   * Every page in every language for every role (CRAWL_FULL=1). By default each role sees all its
   * pages in 简体 (tabs and drawers too) and again warm in 繁體 for the time limit; a page already
   * seen in 繁體 or English by an earlier role is not opened in that language again.
   */
  full?: boolean;
}

/** The crawl's default page-time limit: CRAWL_SLOW_MS, else 1 s. */
export function defaultSlowMs(): number {
  const value = Number(process.env.CRAWL_SLOW_MS);
  return Number.isFinite(value) && value > 0 ? value : 1000;
}
