import { beforeAll, describe, expect, it } from 'vitest';
import { dealFactSource } from '../../deals/index.js';
import { takeDeposit } from '../../deals/testing/index.js';
import { openDealOffice, dealStart as start } from './deal-checks.testing.js';

const paidAt = new Date('2026-12-03T02:00:00.000Z');

describe('the deal fact source', () => {
  const office = openDealOffice({ units: 5, forms: 5 });
  let paidDeposit: string;

  beforeAll(async () => {
    for (const name of ['甲', '乙', '丙', '丁'])
      await takeDeposit(office.db, office.world, {
        unitId: office.nextUnit(),
        customerId: await office.customer(name),
        amountFen: 1_000_000,
        now: start,
      });
    const { fileId, depositId } = await office.openFile('戊');
    paidDeposit = depositId;
    await office.payDownPayment(fileId, paidAt);
  });

  it('CONF pages every deal (its deposit) once, in id order', async () => {
    const all: string[] = [];
    let afterId: string | null = null;
    for (;;) {
      const page = await dealFactSource.changed(office.db, { since: null, afterId, limit: 2 });
      if (!page.length) break;
      all.push(...page.map((facts) => facts.id));
      afterId = page[page.length - 1]!.id;
    }
    expect(all).toHaveLength(5);
    expect(all).toEqual([...all].sort());
    expect(await dealFactSource.byIds(office.db, ['no-such-deal'])).toEqual([]);
  });

  it('CONF finds the deals changed since a time through any of their rows (a payment moves its file)', async () => {
    const since = await dealFactSource.changed(office.db, {
      since: paidAt.toISOString(),
      afterId: null,
      limit: 100,
    });
    expect(since.map((facts) => facts.id)).toEqual([paidDeposit]);
    expect(since[0]?.file?.downPaymentPaidAt).toBe(paidAt.toISOString());
    expect(since[0]?.links.transactionFileId).toBeTruthy();
  });
});
