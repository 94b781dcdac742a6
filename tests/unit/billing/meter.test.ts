import { describe, expect, it } from 'vitest';
import { billedDurationMs, computeCostUsd, gbSeconds, meter } from '../../../src/billing/meter.js';

describe('meter', () => {
  it('bills PRICING.md example C: 1536 MB, 46.12 ms -> 47 ms, 0.0705 GB-s, $0.000001375', () => {
    const bill = meter({ durationMs: 46.12, memorySizeMb: 1536, architecture: 'x86_64' });
    expect(bill.billedDurationMs).toBe(47);
    expect(bill.gbSeconds).toBeCloseTo(0.0705, 12);
    // 0.0705 x $0.0000166667 = $0.000001175 compute + $0.0000002 request
    expect(bill.costUsd).toBeCloseTo(0.000001375, 11);
  });

  it('bills Init Duration on a cold start: example D, 156.07 + 2.08 ms -> 159 ms, 0.019875 GB-s', () => {
    const bill = meter({ durationMs: 2.08, initDurationMs: 156.07, memorySizeMb: 128, architecture: 'x86_64' });
    expect(bill.billedDurationMs).toBe(159);
    expect(bill.gbSeconds).toBeCloseTo(0.019875, 12);
  });

  it('bills a warm start for its duration only', () => {
    const bill = meter({ durationMs: 2.08, memorySizeMb: 128, architecture: 'x86_64' });
    expect(bill.billedDurationMs).toBe(3); // the pre-Aug-2025 figure of example D
    expect(bill.gbSeconds).toBeCloseTo(0.000375, 12);
  });

  it('matches the observed cold timeout REPORT: 600000.00 + init 476.75 -> 600477 ms', () => {
    expect(billedDurationMs(600_000, 476.75)).toBe(600_477);
  });

  it('prices arm64 compute at $0.0000133334 per GB-s, requests the same', () => {
    const bill = meter({ durationMs: 1000, memorySizeMb: 1024, architecture: 'arm64' });
    expect(bill.gbSeconds).toBe(1);
    expect(bill.costUsd).toBeCloseTo(0.0000133334 + 0.0000002, 15);
  });
});

describe('billedDurationMs', () => {
  it('rounds up to the next whole millisecond', () => {
    expect(billedDurationMs(46.12)).toBe(47);
    expect(billedDurationMs(46.001)).toBe(47);
    expect(billedDurationMs(0.4)).toBe(1);
  });

  it('keeps a whole number of milliseconds as it is', () => {
    expect(billedDurationMs(46)).toBe(46);
    expect(billedDurationMs(3000)).toBe(3000);
  });

  it('does not bill an extra millisecond for float noise in the sum', () => {
    const noisy = (0.1 + 0.2) * 10; // 3.0000000000000004 in binary floating point
    expect(noisy).toBeGreaterThan(3);
    expect(billedDurationMs(noisy)).toBe(3);
  });

  it('bills at least one millisecond', () => {
    expect(billedDurationMs(0)).toBe(1);
  });
});

describe('gbSeconds and computeCostUsd', () => {
  it('uses 1024 MB to the GB', () => {
    expect(gbSeconds(1024, 1000)).toBe(1);
    expect(gbSeconds(128, 3_200_000)).toBe(400); // PRICING.md §2: 400,000 GB-s = 3.2M s at 128 MB
    expect(gbSeconds(512, 1000)).toBe(0.5);
  });

  it('charges the GB-s price plus one request per invocation by default', () => {
    expect(computeCostUsd(1, 'x86_64')).toBeCloseTo(0.0000166667 + 0.0000002, 15);
    expect(computeCostUsd(0, 'x86_64', 1_000_000)).toBeCloseTo(0.2, 12);
  });
});
