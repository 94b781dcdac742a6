import { describe, expect, it } from 'vitest';
import { gbSecondsOf, priceMonth, type MonthUsage } from '../../../src/billing/month-price.js';

/** MB x ms of `count` invocations of `memoryMb` billed `billedMs` each. */
const usage = (count: number, memoryMb: number, billedMs: number, architecture: MonthUsage['architecture'] = 'x86_64'): MonthUsage => ({
  architecture,
  requests: count,
  mbMs: BigInt(count) * BigInt(memoryMb) * BigInt(billedMs),
});
const cents = (usd: number): number => Math.round(usd * 100) / 100;

describe('priceMonth', () => {
  it('prices example A: 1M x 128 MB x 100 ms is 12,500 GB-s, $0.41 before and $0.00 after the free tier', () => {
    const a = usage(1_000_000, 128, 100);
    expect(gbSecondsOf(a.mbMs)).toBe(12_500);
    const { total } = priceMonth([a]);
    expect(total.cost.computeCostUsd).toBeCloseTo(0.20833375, 12); // 12,500 x 0.0000166667
    expect(total.cost.requestCostUsd).toBe(0.2);
    expect(cents(total.cost.costUsd)).toBe(0.41);
    expect(total.afterFreeTier).toEqual({ requestCostUsd: 0, computeCostUsd: 0, costUsd: 0 });
  });

  it('prices example B on x86: 3M x 512 MB x 1 s -> $18.33 + $0.40 = $18.73 after the free tier', () => {
    const { total } = priceMonth([usage(3_000_000, 512, 1000)]);
    expect(total.afterFreeTier.computeCostUsd).toBeCloseTo(18.33337, 10); // 1,100,000 x 0.0000166667
    expect(total.afterFreeTier.requestCostUsd).toBe(0.4);
    expect(cents(total.afterFreeTier.computeCostUsd)).toBe(18.33);
    expect(cents(total.afterFreeTier.costUsd)).toBe(18.73);
  });

  it('prices example B on arm64: $14.67 + $0.40 = $15.07', () => {
    const { total } = priceMonth([usage(3_000_000, 512, 1000, 'arm64')]);
    expect(total.afterFreeTier.computeCostUsd).toBeCloseTo(14.66674, 10); // 1,100,000 x 0.0000133334
    expect(cents(total.afterFreeTier.computeCostUsd)).toBe(14.67);
    expect(cents(total.afterFreeTier.costUsd)).toBe(15.07);
  });

  it('charges exactly nothing at exactly 1,000,000 requests and 400,000 GB-s', () => {
    const boundary = usage(1_000_000, 128, 3200); // 0.4 GB-s each
    expect(gbSecondsOf(boundary.mbMs)).toBe(400_000);
    const { total } = priceMonth([boundary]);
    expect(total.afterFreeTier).toEqual({ requestCostUsd: 0, computeCostUsd: 0, costUsd: 0 });
    expect(total.cost.requestCostUsd).toBe(0.2);
    expect(total.cost.computeCostUsd).toBeCloseTo(6.66668, 10);
  });

  it('charges one request and one MB-ms just past the boundary', () => {
    const past: MonthUsage = { architecture: 'x86_64', requests: 1_000_001, mbMs: 409_600_000_000n + 1n };
    const { total } = priceMonth([past]);
    expect(total.afterFreeTier.requestCostUsd).toBeCloseTo(0.0000002, 18);
    expect(total.afterFreeTier.computeCostUsd).toBeCloseTo(0.0000166667 / 1_024_000, 20);
  });

  it('buys 60,000 GB-s of x86 compute or 75,000 of arm64 for about $1 (example E)', () => {
    const x86 = priceMonth([{ architecture: 'x86_64', requests: 0, mbMs: 60_000n * 1_024_000n }]);
    const arm = priceMonth([{ architecture: 'arm64', requests: 0, mbMs: 75_000n * 1_024_000n }]);
    expect(cents(x86.total.cost.costUsd)).toBe(1);
    expect(cents(arm.total.cost.costUsd)).toBe(1);
  });

  it('shares the free tier among parts in proportion to their use, so parts add up to the total', () => {
    const big = usage(2_000_000, 1024, 300); // 600,000 GB-s
    const small = usage(1_000_000, 1024, 200); // 200,000 GB-s
    const { parts, total } = priceMonth([big, small]);
    // 3M requests, 2M billable: 2/3 and 1/3 of $0.40. 800,000 GB-s, 400,000 billable: 3/4 and 1/4.
    expect(parts[0]!.afterFreeTier.requestCostUsd).toBeCloseTo(0.4 * (2 / 3), 12);
    expect(parts[1]!.afterFreeTier.requestCostUsd).toBeCloseTo(0.4 / 3, 12);
    expect(parts[0]!.afterFreeTier.computeCostUsd).toBeCloseTo(300_000 * 0.0000166667, 10);
    expect(parts[1]!.afterFreeTier.computeCostUsd).toBeCloseTo(100_000 * 0.0000166667, 10);
    const sum = parts[0]!.afterFreeTier.costUsd + parts[1]!.afterFreeTier.costUsd;
    expect(sum).toBeCloseTo(total.afterFreeTier.costUsd, 10);
    expect(total.afterFreeTier.costUsd).toBeCloseTo(0.4 + 400_000 * 0.0000166667, 10);
  });

  it('shares one GB-s allowance between x86 and arm64, each paying its own price on its share', () => {
    const x86 = usage(1, 1024, 300_000_000); // 300,000 GB-s
    const arm = usage(1, 1024, 300_000_000, 'arm64'); // 300,000 GB-s
    const { parts, total } = priceMonth([x86, arm]);
    expect(parts[0]!.afterFreeTier.computeCostUsd).toBeCloseTo(100_000 * 0.0000166667, 10);
    expect(parts[1]!.afterFreeTier.computeCostUsd).toBeCloseTo(100_000 * 0.0000133334, 10);
    expect(total.afterFreeTier.computeCostUsd).toBeCloseTo(100_000 * (0.0000166667 + 0.0000133334), 10);
    expect(total.cost.computeCostUsd).toBeCloseTo(300_000 * (0.0000166667 + 0.0000133334), 10);
  });

  it('prices an empty month at zero', () => {
    expect(priceMonth([]).total.afterFreeTier.costUsd).toBe(0);
    expect(priceMonth([]).total.cost.costUsd).toBe(0);
  });

  it('stays exact for sums far beyond 2^53 MB-ms', () => {
    const huge: MonthUsage = { architecture: 'x86_64', requests: 0, mbMs: 10n ** 18n };
    // 10^18 / 1,024,000 GB-s = 976,562,500,000 GB-s
    expect(gbSecondsOf(huge.mbMs)).toBe(976_562_500_000);
    expect(priceMonth([huge]).total.cost.computeCostUsd).toBeCloseTo(976_562_500_000 * 0.0000166667, 4);
  });
});
