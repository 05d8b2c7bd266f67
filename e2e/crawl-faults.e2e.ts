import { describe, expect, it } from 'vitest';
import { type CrawlFailure, type CrawlFaults, type CrawlOptions, crawl } from './crawl.js';
import { useE2eSuite } from './harness.js';

/**
 * The crawl fails when problems of issue 14 are put back. Each run crawls one page that shows rows
 * on a fresh demo office (a service agent's call history, a paged list) in Chinese, once as it is and once with a
 * test-only switch (CrawlFaults) that puts a problem back into what the browser shows or what the
 * API answers; the failures the switch adds are the crawl catching it.
 */
describe('the crawl catches problems of issue 14 put back', () => {
  const suite = useE2eSuite();
  const page = '/calls/history';

  async function run(faults?: CrawlFaults, extra: Partial<CrawlOptions> = {}): Promise<CrawlFailure[]> {
    const report = await crawl({
      baseUrl: suite.server.baseUrl,
      browser: suite.browser,
      logins: [{ username: 'agent', role: 'agent' }],
      locales: ['zh-CN'],
      onlyPaths: [page],
      faults,
      ...extra,
    });
    expect(report.pages).toEqual([page]);
    return report.failures.filter((failure) => failure.where === page);
  }

  /** Failures of the faulty run that the clean run did not have. */
  function added(clean: CrawlFailure[], faulty: CrawlFailure[]): CrawlFailure[] {
    const known = new Set(clean.map((failure) => `${failure.kind} ${failure.message}`));
    return faulty.filter((failure) => !known.has(`${failure.kind} ${failure.message}`));
  }

  it('fails on a raw identifier (item 4), a Traditional character in Simplified text (item 9) and a list showing 暂无数据 with rows (item 1)', async () => {
    const clean = await run(undefined, { slowMs: 60_000 });
    const faulty = await run(
      { rawPlaceholder: true, traditionalInSimplified: true, emptyListWithRows: true },
      { slowMs: 60_000 },
    );
    const found = added(clean, faulty);
    expect(found.find((failure) => failure.kind === 'raw identifier')?.message).toMatch(
      /"name" in "请输入name"/,
    );
    expect(found.find((failure) => failure.kind === 'wrong script')?.message).toMatch(/Traditional 樓門嗎/);
    expect(found.find((failure) => failure.kind === 'empty list')?.message).toMatch(
      /shows no data while GET \/api\/\S+ returned \d+ rows/,
    );
  });

  it('fails on a table cut off at 1024 px (item 7), an API error the page did not ask for, and a slow page', async () => {
    const clean = await run(undefined, { slowMs: 60_000 });
    expect(added(clean, await run({ tableCutOff: true }, { slowMs: 60_000 })).map((f) => f.kind)).toContain(
      'overflow',
    );
    expect(added(clean, await run({ apiError: true }, { slowMs: 60_000 })).map((f) => f.kind)).toContain(
      'API error',
    );
    const slow = await run({ apiDelayMs: 1500 }, { slowMs: 1000 });
    expect(slow.find((failure) => failure.kind === 'slow')?.message).toMatch(/limit 1000 ms/);
  });
});
