/**
 * npm run bench:plans — 10,000 purchase plans (SA-9), each with its full month-by-month
 * repayment schedule (360 months; combination loans have two), computed by the same pure rules
 * the server uses. Prints exactly two lines on stdout:
 *   plans_10k_s: <seconds>          target < 2
 *   plans_peak_rss_mb: <megabytes>  peak resident memory of this process
 * The workload is deterministic (a fixed-seed generator), CPU-only, no network.
 */
import {
  computePlan,
  type DeedTaxRules,
  type PaymentMethod,
  type PlanInput,
  type RepaymentMethod,
} from '../server/modules/deals/index.js';

const planCount = 10_000;

// Mulberry32: a small fixed-seed generator, so every run computes the same plans.
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deedTax: DeedTaxRules = {
  vatPercent: 9,
  areaThresholdSquareMetres: 140,
  firstHomeSmallPercent: 1,
  firstHomeLargePercent: 1.5,
  secondHomeSmallPercent: 1,
  secondHomeLargePercent: 2,
  otherPercent: 3,
};

function makeInputs(): PlanInput[] {
  const random = generator(20261128);
  const loanMethods: PaymentMethod[] = ['commercial_loan', 'provident_fund', 'combination'];
  const repayments: RepaymentMethod[] = ['equal_instalment', 'equal_principal'];
  const inputs: PlanInput[] = [];
  for (let index = 0; index < planCount; index++) {
    const area = (60 + random() * 120).toFixed(2);
    const pricePerMetreFen = Math.round((25_000 + random() * 60_000) * 100);
    const listTotalFen = Math.round(Number(area) * pricePerMetreFen);
    const repayment = repayments[index % 2];
    inputs.push({
      listTotalFen,
      buildingArea: area,
      discounts: [
        { kind: 'percent', label: '开盘优惠', percent: (random() * 3).toFixed(2) },
        { kind: 'amount', label: '认筹抵扣', amountFen: 2_000_000 },
      ],
      discountOrder: 'percent_then_amount',
      paymentMethod: loanMethods[index % 3],
      downPaymentPercent: ['20', '30', '35', '40'][index % 4],
      loanRoundingFen: 100_000,
      commercial: { annualRatePercent: (3 + random() * 1.5).toFixed(2), termMonths: 360, repayment },
      providentFund: { amountFen: 60_000_000, annualRatePercent: '2.85', termMonths: 360, repayment },
      homeOrder: index % 5 === 0 ? 'second' : 'first',
      deedTax,
      maintenanceFund: { mode: 'percent_of_price', percent: 2 },
    });
  }
  return inputs;
}

const inputs = makeInputs();
process.stderr.write(`computing ${planCount} plans with full 360-month schedules…\n`);

let checksum = 0;
let months = 0;
const started = process.hrtime.bigint();
for (const input of inputs) {
  const plan = computePlan(input, { withSchedules: true });
  for (const loan of plan.loans) {
    const rows = loan.schedule ?? [];
    months += rows.length;
    // Consume the schedule so the work cannot be optimised away.
    checksum = (checksum + rows[rows.length - 1].paymentFen + rows[0].interestFen) % 1_000_000_007;
  }
  checksum = (checksum + plan.finalTotalFen + plan.deedTax.amountFen) % 1_000_000_007;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

process.stderr.write(`${months} schedule months, checksum ${checksum}\n`);
process.stdout.write(`plans_10k_s: ${seconds.toFixed(3)}\n`);
process.stdout.write(`plans_peak_rss_mb: ${peakRssMb.toFixed(1)}\n`);
