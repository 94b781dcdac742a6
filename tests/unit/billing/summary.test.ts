import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import type { InvocationRecord } from '../../../src/runtime/types.js';
import { summarize, type UsageSummary } from '../../../src/billing/summary.js';

const NOW = new Date('2025-08-20T10:00:00.000Z');

const record = (over: Partial<InvocationRecord> = {}): InvocationRecord => ({
  requestId: 'req',
  functionName: 'api',
  generation: 1,
  source: 'http',
  startedAt: '2025-08-10T12:00:00.000Z',
  coldStart: false,
  durationMs: 10,
  billedDurationMs: 10,
  memorySizeMb: 128,
  maxMemoryUsedMb: 60,
  architecture: 'x86_64',
  gbSeconds: 0,
  costUsd: 0,
  outcome: 'success',
  ...over,
});

/** The same record object `count` times: millions of entries cost only their references. */
const repeat = (count: number, one: InvocationRecord): InvocationRecord[] => new Array<InvocationRecord>(count).fill(one);

const cents = (usd: number): number => Math.round(usd * 100) / 100;
// 10240 MB x 900,000 ms, the largest single invocation: 9,000 GB-s.
const HUGE = { memorySizeMb: 10240, billedDurationMs: 900_000, durationMs: 900_000 } as const;

describe('summarize: PRICING.md worked examples', () => {
  it('example A: 1M x 128 MB x 100 ms costs $0.41, and $0.00 inside the free tier', () => {
    const summary = summarize(repeat(1_000_000, record({ durationMs: 99.5, billedDurationMs: 100 })), { now: NOW });
    const month = summary.total.currentMonth;
    expect(month.invocations).toBe(1_000_000);
    expect(month.gbSeconds).toBe(12_500);
    expect(cents(month.costUsd)).toBe(0.41);
    expect(month.afterFreeTier.costUsd).toBe(0);
  });

  it('example B: 3M x 512 MB x 1 s costs $18.73 on x86, and $15.07 priced as arm64 (a what-if)', () => {
    const workload = record({ memorySizeMb: 512, durationMs: 1000, billedDurationMs: 1000 });
    const x86 = summarize(repeat(3_000_000, workload), { now: NOW }).total.currentMonth;
    expect(x86.gbSeconds).toBe(1_500_000);
    expect(cents(x86.afterFreeTier.computeCostUsd)).toBe(18.33);
    expect(cents(x86.afterFreeTier.requestCostUsd)).toBe(0.4);
    expect(cents(x86.afterFreeTier.costUsd)).toBe(18.73);
    const arm = summarize(repeat(3_000_000, workload), { now: NOW, architecture: 'arm64' });
    expect(arm.whatIf).toEqual({ architecture: 'arm64' });
    expect(cents(arm.total.currentMonth.afterFreeTier.computeCostUsd)).toBe(14.67);
    expect(cents(arm.total.currentMonth.afterFreeTier.costUsd)).toBe(15.07);
  });

  it('is exactly $0 at exactly 1,000,000 requests and 400,000 GB-s', () => {
    const summary = summarize(repeat(1_000_000, record({ billedDurationMs: 3200, durationMs: 3199.2 })), { now: NOW });
    const month = summary.total.currentMonth;
    expect(month.invocations).toBe(1_000_000);
    expect(month.gbSeconds).toBe(400_000);
    expect(month.afterFreeTier).toEqual({ requestCostUsd: 0, computeCostUsd: 0, costUsd: 0 });
    expect(summary.functions[0]!.currentMonth.afterFreeTier.costUsd).toBe(0);
  });

  it('example C: one 1536 MB invocation billed 47 ms costs $0.000001375 before the free tier', () => {
    const one = record({ memorySizeMb: 1536, durationMs: 46.12, billedDurationMs: 47 });
    const month = summarize([one], { now: NOW }).total.currentMonth;
    expect(month.gbSeconds).toBeCloseTo(0.0705, 15);
    expect(month.costUsd).toBeCloseTo(0.000001375, 11);
    expect(month.afterFreeTier.costUsd).toBe(0);
  });

  it('example D: a cold start billed 159 ms at 128 MB is 0.019875 GB-s', () => {
    const cold = record({ coldStart: true, initDurationMs: 156.07, durationMs: 2.08, billedDurationMs: 159 });
    expect(summarize([cold], { now: NOW }).total.allTime.gbSeconds).toBe(0.019875);
  });
});

describe('summarize: periods and free tier', () => {
  it('counts only the calendar month (UTC) of now in currentMonth', () => {
    const summary = summarize(
      [
        record({ startedAt: '2025-07-31T23:59:59.999Z' }),
        record({ startedAt: '2025-08-01T00:00:00.000Z' }),
        record({ startedAt: '2025-08-01T01:00:00.000+02:00' }), // 2025-07-31T23:00Z
        record({ startedAt: '2024-08-15T00:00:00.000Z' }), // same month, other year
      ],
      { now: NOW },
    );
    expect(summary.month).toBe('2025-08');
    expect(summary.total.currentMonth.invocations).toBe(1);
    expect(summary.total.allTime.invocations).toBe(4);
  });

  it('applies the free tier to each month, not to the all-time sum', () => {
    const july = repeat(40, record({ ...HUGE, startedAt: '2025-07-05T00:00:00.000Z' })); // 360,000 GB-s
    const august = repeat(40, record({ ...HUGE })); // 360,000 GB-s
    const total = summarize([...july, ...august], { now: NOW }).total;
    expect(total.allTime.gbSeconds).toBe(720_000);
    expect(total.allTime.computeCostUsd).toBeCloseTo(720_000 * 0.0000166667, 9);
    expect(total.allTime.afterFreeTier.costUsd).toBe(0);
  });

  it('adds up each month past its own free tier in all-time figures', () => {
    const july = repeat(50, record({ ...HUGE, startedAt: '2025-07-05T00:00:00.000Z' })); // 450,000 GB-s
    const august = repeat(46, record({ ...HUGE })); // 414,000 GB-s
    const total = summarize([...july, ...august], { now: NOW }).total;
    expect(total.currentMonth.afterFreeTier.computeCostUsd).toBeCloseTo(14_000 * 0.0000166667, 10);
    expect(total.allTime.afterFreeTier.computeCostUsd).toBeCloseTo(64_000 * 0.0000166667, 10);
  });

  it('shares the free tier among functions in proportion to their use, adding up to the total', () => {
    const records = [...repeat(30, record({ ...HUGE, functionName: 'a' })), ...repeat(20, record({ ...HUGE, functionName: 'b' }))];
    const summary = summarize(records, { now: NOW }); // 450,000 GB-s: 50,000 billable, 3/5 and 2/5
    const [a, b] = summary.functions;
    expect(a!.currentMonth.afterFreeTier.computeCostUsd).toBeCloseTo(30_000 * 0.0000166667, 10);
    expect(b!.currentMonth.afterFreeTier.computeCostUsd).toBeCloseTo(20_000 * 0.0000166667, 10);
    expect(a!.allTime.afterFreeTier.costUsd + b!.allTime.afterFreeTier.costUsd).toBeCloseTo(
      summary.total.allTime.afterFreeTier.costUsd,
      12,
    );
  });

  it('lists functions by name, with an empty current month for those idle this month', () => {
    const summary = summarize(
      [record({ functionName: 'zeta' }), record({ functionName: 'alpha', startedAt: '2025-01-01T00:00:00.000Z' })],
      { now: NOW },
    );
    expect(summary.functions.map((f) => f.functionName)).toEqual(['alpha', 'zeta']);
    const idle: UsageSummary = summary.functions[0]!.currentMonth;
    expect(idle).toMatchObject({ invocations: 0, avgDurationMs: null, p95DurationMs: null, gbSeconds: 0, costUsd: 0 });
  });

  it('returns an empty bill for an empty ledger', () => {
    const summary = summarize([], { now: NOW });
    expect(summary.functions).toEqual([]);
    expect(summary.total.allTime).toMatchObject({ invocations: 0, costUsd: 0, p95DurationMs: null });
    expect(summary.generatedAt).toBe('2025-08-20T10:00:00.000Z');
    expect(summary.whatIf).toEqual({});
  });
});

describe('summarize: counts and durations', () => {
  it('counts errors as any billed outcome but success, and throttles apart, unbilled', () => {
    const outcomes = ['success', 'error', 'timeout', 'out-of-memory', 'crash', 'init-error', 'throttled'] as const;
    const month = summarize(
      outcomes.map((outcome) => record({ outcome, billedDurationMs: outcome === 'throttled' ? 5000 : 1000 })),
      { now: NOW },
    ).total.currentMonth;
    expect(month).toMatchObject({ invocations: 6, errors: 5, timeouts: 1, throttles: 1 });
    expect(month.gbSeconds).toBe(6 * 0.125);
    expect(month.requestCostUsd).toBeCloseTo(6 * 0.0000002, 18);
  });

  it('averages durationMs and takes the nearest-rank p95, to 0.01 ms', () => {
    const records = Array.from({ length: 100 }, (_, i) => record({ durationMs: i + 1 + 0.004 }));
    const month = summarize(records.reverse(), { now: NOW }).total.currentMonth;
    expect(month.avgDurationMs).toBe(50.5);
    expect(month.p95DurationMs).toBe(95);
  });

  it('takes the p95 of one invocation, and of twenty, by rank', () => {
    expect(summarize([record({ durationMs: 7.5 })], { now: NOW }).total.allTime.p95DurationMs).toBe(7.5);
    const twenty = Array.from({ length: 20 }, (_, i) => record({ durationMs: (i + 1) * 10 }));
    expect(summarize(twenty, { now: NOW }).total.allTime.p95DurationMs).toBe(190);
  });

  it('computes the total p95 over every function, not from their p95s', () => {
    const records = [
      ...Array.from({ length: 10 }, () => record({ functionName: 'fast', durationMs: 1 })),
      ...Array.from({ length: 10 }, () => record({ functionName: 'slow', durationMs: 100 })),
    ];
    const summary = summarize(records, { now: NOW });
    expect(summary.total.currentMonth.p95DurationMs).toBe(100);
    expect(summary.total.currentMonth.avgDurationMs).toBe(50.5);
    expect(summary.functions[0]!.currentMonth.p95DurationMs).toBe(1);
  });
});

describe('summarize: what-if', () => {
  const ledger = [
    record({ memorySizeMb: 128, billedDurationMs: 1000, architecture: 'x86_64' }),
    record({ memorySizeMb: 512, billedDurationMs: 3000, architecture: 'arm64', coldStart: true, initDurationMs: 200 }),
  ];

  it('recomputes GB-s at another memory size with the billed durations kept', () => {
    const asIs = summarize(ledger, { now: NOW }).total.allTime;
    expect(asIs.gbSeconds).toBe(0.125 + 1.5);
    const summary = summarize(ledger, { now: NOW, memoryMb: 1024 });
    expect(summary.whatIf).toEqual({ memoryMb: 1024 });
    expect(summary.total.allTime.gbSeconds).toBe(1 + 3);
    expect(summary.total.allTime.computeCostUsd).toBeCloseTo(1 * 0.0000166667 + 3 * 0.0000133334, 15);
    expect(summary.total.allTime.requestCostUsd).toBe(asIs.requestCostUsd);
  });

  it('reprices every invocation for another architecture', () => {
    const summary = summarize(ledger, { now: NOW, architecture: 'x86_64', memoryMb: 2048 });
    expect(summary.whatIf).toEqual({ memoryMb: 2048, architecture: 'x86_64' });
    expect(summary.total.allTime.computeCostUsd).toBeCloseTo(8 * 0.0000166667, 15);
  });

  it('refuses a memory size that is not a whole number of MB, and an invalid now', () => {
    expect(() => summarize(ledger, { now: NOW, memoryMb: 1.5 })).toThrow(UsageError);
    expect(() => summarize(ledger, { now: NOW, memoryMb: 0 })).toThrow(/whole number of MB/);
    expect(() => summarize(ledger, { now: new Date('nope') })).toThrow(UsageError);
  });
});

describe('summarize: large sums', () => {
  it('stays exact when MB x ms sums pass 2^53', () => {
    const big = record({ memorySizeMb: 1024, billedDurationMs: 2 ** 50 });
    const total = summarize([big, big, big], { now: NOW }).total.allTime;
    expect(total.gbSeconds).toBe((3 * 2 ** 60) / 1_024_000);
  });
});

describe('summarize: JSON form', () => {
  it('is plain JSON: it survives a round trip unchanged', () => {
    const summary = summarize([record(), record({ functionName: 'b', outcome: 'timeout' })], { now: NOW, memoryMb: 256 });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
