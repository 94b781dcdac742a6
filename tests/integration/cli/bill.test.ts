import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillSummary, UsageSummary } from '../../../src/billing/summary.js';
import { copyFixture, type FixtureProject } from '../../support/fixture.js';
import { runCli } from '../../support/run-cli.js';

/*
 * tests/fixtures/bill/invocations.jsonl, worked out by hand (x86 $0.0000166667 and arm64
 * $0.0000133334 per GB-s, $0.20 per million requests, free tier 1M requests + 400,000 GB-s a month):
 *   2024-05  api     x86 128 MB    10 runs, billed 13+20+30+40+50+60+70+80+90+1000 = 1,453 ms
 *                                  -> 0.181625 GB-s; 1 error, 1 timeout (of the 10), 1 throttle (not billed)
 *            crunch  x86 10240 MB  45 runs x 900,000 ms -> 405,000 GB-s
 *            month: 55 requests, 405,000.181625 GB-s, over the free tier by 5,000.181625 GB-s
 *   2024-06  crunch  x86 10240 MB  44 x 900,000 ms + 1 x 400,000 ms -> exactly 400,000 GB-s
 *   2024-07  resize  arm64 1536 MB 4 x 1,000 ms -> 6 GB-s; line 104 is torn
 *   2024-08  crunch  as in June, plus api 128 MB x 1 ms -> 400,000.000125 GB-s: one GB-ms over
 */
const MAY_GB_S = 405_000.181625;
const MAY_COST = 405_000.181625 * 0.0000166667 + 55 * 0.0000002; // 6.7500275270893875
const MAY_AFTER_FREE_TIER = 5_000.181625 * 0.0000166667; // 0.0833365270893875
const JUNE_COST = 400_000 * 0.0000166667 + 45 * 0.0000002;
const JULY_COST = 6 * 0.0000133334 + 4 * 0.0000002;
const AUGUST_COST = 400_000.000125 * 0.0000166667 + 46 * 0.0000002;
const ALL_TIME_COST = MAY_COST + JUNE_COST + JULY_COST + AUGUST_COST; // 20.0834865295727250
const ALL_TIME_GB_S = 1_205_006.18175;

let project: FixtureProject;
beforeAll(() => {
  project = copyFixture('bill');
  // copyFixture leaves out .lambkin folders, so the ledger travels beside it.
  mkdirSync(join(project.dir, '.lambkin'));
  copyFileSync(join(project.dir, 'invocations.jsonl'), join(project.dir, '.lambkin', 'invocations.jsonl'));
});
afterAll(() => project?.remove());

const bill = (...args: string[]) => runCli(['bill', ...args], { cwd: project.dir });

async function billJson(...args: string[]): Promise<BillSummary> {
  const run = await bill('--json', ...args);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as BillSummary;
}

const cents = (usd: number) => usd.toFixed(2);
const thisMonth = (summary: BillSummary, name: string): UsageSummary => {
  const fn = summary.functions.find((f) => f.functionName === name);
  if (!fn) throw new Error(`no ${name} in the bill`);
  return fn.currentMonth;
};

describe('lambkin bill', () => {
  it('totals a month to the cent and to the GB-millisecond, per function and for the account', async () => {
    const summary = await billJson('--month', '2024-05');
    expect(summary.month).toBe('2024-05');
    const total = summary.total.currentMonth;
    expect(total).toMatchObject({ invocations: 55, errors: 2, timeouts: 1, throttles: 1 });
    expect(total.gbSeconds).toBeCloseTo(MAY_GB_S, 3); // within half a GB-ms
    expect(cents(total.costUsd)).toBe('6.75');
    expect(total.costUsd).toBeCloseTo(MAY_COST, 9);
    expect(total.requestCostUsd).toBeCloseTo(0.000011, 12);
    expect(cents(total.afterFreeTier.costUsd)).toBe('0.08');
    expect(total.afterFreeTier.computeCostUsd).toBeCloseTo(MAY_AFTER_FREE_TIER, 9);
    expect(total.afterFreeTier.requestCostUsd).toBe(0);

    const api = thisMonth(summary, 'api');
    expect(api).toMatchObject({ invocations: 10, errors: 2, timeouts: 1, throttles: 1, avgDurationMs: 145.25, p95DurationMs: 1000 });
    expect(api.gbSeconds).toBeCloseTo(0.181625, 6);
    expect(thisMonth(summary, 'crunch').gbSeconds).toBe(405_000);
    expect(thisMonth(summary, 'resize').invocations).toBe(0);
  });

  it('adds up all time with each month getting its own free tier', async () => {
    const all = (await billJson()).total.allTime;
    expect(all).toMatchObject({ invocations: 150, errors: 2, timeouts: 1, throttles: 1 });
    expect(all.gbSeconds).toBeCloseTo(ALL_TIME_GB_S, 3);
    expect(cents(all.costUsd)).toBe('20.08');
    expect(all.costUsd).toBeCloseTo(ALL_TIME_COST, 8);
    // June sits exactly on the free tier, July under it, August one GB-ms over: May's overage dominates.
    expect(all.afterFreeTier.costUsd).toBeCloseTo(MAY_AFTER_FREE_TIER + 0.000125 * 0.0000166667, 12);
    expect(all.afterFreeTier.requestCostUsd).toBe(0);
  });

  it('charges nothing at exactly 400,000 GB-s and charges the one GB-ms above it', async () => {
    const at = (await billJson('--month', '2024-06')).total.currentMonth;
    expect(at.gbSeconds).toBe(400_000);
    expect(cents(at.costUsd)).toBe('6.67');
    expect(at.afterFreeTier).toEqual({ requestCostUsd: 0, computeCostUsd: 0, costUsd: 0 });
    const over = (await billJson('--month', '2024-08')).total.currentMonth;
    expect(over.gbSeconds).toBeCloseTo(400_000.000125, 6);
    expect(over.afterFreeTier.computeCostUsd).toBeGreaterThan(0);
    expect(over.afterFreeTier.computeCostUsd).toBeCloseTo(0.000125 * 0.0000166667, 15);
    expect(over.afterFreeTier.requestCostUsd).toBe(0);
  });

  it('reprices the same work on arm64 with --arch', async () => {
    const summary = await billJson('--arch', 'arm64');
    expect(summary.whatIf).toEqual({ architecture: 'arm64' });
    expect(summary.total.allTime.gbSeconds).toBeCloseTo(ALL_TIME_GB_S, 3);
    expect(cents(summary.total.allTime.costUsd)).toBe('16.07');
    expect(summary.total.allTime.afterFreeTier.costUsd).toBeCloseTo(5_000.18175 * 0.0000133334, 9);
  });

  it('reprices the same billed durations at another memory size with --memory', async () => {
    const summary = await billJson('--memory', '128');
    expect(summary.whatIf).toEqual({ memoryMb: 128 });
    const all = summary.total.allTime;
    // crunch: 10240 -> 128 MB is 1/80 of the GB-s; resize 1536 -> 128 MB is 1/12; api stays.
    expect(all.gbSeconds).toBeCloseTo(0.181625 + 0.000125 + (405_000 + 400_000 + 400_000) / 80 + 6 / 12, 6);
    expect(cents(all.costUsd)).toBe('0.25');
    expect(all.afterFreeTier.costUsd).toBe(0);
  });

  it('prints a readable table with the month, the functions and the totals', async () => {
    const run = await bill('--month', '2024-05');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('This month (2024-05, UTC)');
    expect(run.stdout).toMatch(/^api +10 +2 +1 +1 +145\.25 +1,000\.00 +0\.181625 /m);
    expect(run.stdout).toMatch(/^total +55 +2 +1 +1 .* 405,000\.18 +\$0\.000011 +\$6\.75 +\$6\.75 +\$0\.08$/m);
    expect(run.stdout).toMatch(/^total +150 +2 +1 +1 .* 1,205,006\.18 .* \$20\.08 +\$0\.08$/m);
  });

  it('reads past a torn line with a warning that names it', async () => {
    const run = await bill('--json', '--month', '2024-07');
    expect(run.stderr).toBe('lambkin: warning: .lambkin/invocations.jsonl line 104: not valid JSON (a torn or partial write?); skipped\n');
    const resize = thisMonth(JSON.parse(run.stdout) as BillSummary, 'resize');
    expect(resize.invocations).toBe(4);
    expect(resize.gbSeconds).toBe(6);
  });

  it('says what to do when there is no invocation log yet', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lambkin-bill-empty-'));
    try {
      const run = await runCli(['bill'], { cwd: empty });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('no invocations to bill: there is no .lambkin/invocations.jsonl yet');
      expect(run.stdout).toContain('lambkin invoke <function>');
      const json = await runCli(['bill', '--json', '--dir', resolve(empty)], { cwd: project.dir });
      expect((JSON.parse(json.stdout) as BillSummary).total.allTime.invocations).toBe(0);
      expect(json.stderr).toContain('no invocations to bill');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.each([['127'], ['10241'], ['512.5'], ['1024MB']])('refuses --memory %s with a usage error', async (memory) => {
    const run = await bill('--memory', memory);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--memory ${memory}: Lambda memory is a whole number of MB from 128 to 10240`);
  });

  it('refuses an unknown --arch', async () => {
    const run = await bill('--arch', 'sparc');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--arch sparc: the architecture is arm64 or x86_64');
  });
});
