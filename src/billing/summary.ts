/**
 * `lambkin bill` maths: usage and cost per function and in total, for the current calendar month
 * (UTC) and for all time, before and after AWS's monthly free tier (reference/PRICING.md §2-§3),
 * optionally re-priced at another memory size or architecture. Pure: the caller reads the ledger.
 */
import { UsageError } from '../errors.js';
import type { Architecture, InvocationRecord } from '../runtime/types.js';
import { addCosts, costOf, gbSecondsOf, priceMonth, type CostUsd, type MonthUsage, type Priced } from './month-price.js';
import { joinDurations, newDurations, nthSmallest, pushDuration, type Durations } from './durations.js';
import { round2 } from './report.js';

export interface SummaryOptions {
  now: Date;
  /** What if every invocation had run at this memory size, billed durations unchanged. */
  memoryMb?: number | undefined;
  /** What if every invocation had been priced for this architecture. */
  architecture?: Architecture | undefined;
}

export interface UsageSummary extends CostUsd {
  /** Billed requests: every outcome except `throttled`, which AWS neither runs nor charges. */
  invocations: number;
  /** Invocations whose outcome is not `success` (timeouts included, throttles not: AWS's Errors metric). */
  errors: number;
  timeouts: number;
  throttles: number;
  /** Of `durationMs` (not billed ms), to 0.01 ms like REPORT lines; null without invocations. */
  avgDurationMs: number | null;
  /** Nearest-rank 95th percentile of `durationMs`. */
  p95DurationMs: number | null;
  gbSeconds: number;
  /** The same charges after the account's monthly free tier; see `summarize` for the split. */
  afterFreeTier: CostUsd;
}

export interface PeriodUsage {
  /** The calendar month (UTC) that contains `options.now`. */
  currentMonth: UsageSummary;
  allTime: UsageSummary;
}

export interface FunctionUsage extends PeriodUsage {
  functionName: string;
}

export interface BillSummary {
  /** `YYYY-MM`, UTC. */
  month: string;
  generatedAt: string;
  whatIf: { memoryMb?: number; architecture?: Architecture };
  /** Sorted by name. */
  functions: FunctionUsage[];
  total: PeriodUsage;
}

const NO_COST: Priced = Object.freeze({ cost: costOf(0, 0), afterFreeTier: costOf(0, 0) });

/** What one function did in one calendar month. */
interface Bucket {
  month: string;
  invocations: number;
  errors: number;
  timeouts: number;
  throttles: number;
  durations: Durations;
  usage: Partial<Record<Architecture, MonthUsage & { pendingMbMs: number }>>;
  priced: Priced;
}

/**
 * Sums the records into per function, per month buckets, prices each month (month-price.ts: the
 * free tier comes off each month's account total and the rest is shared among functions in
 * proportion to their requests and GB-s, so functions add up to the total), and reports the month
 * of `now` and all time. All-time costs add up the months, each with its own free tier.
 */
export function summarize(records: Iterable<InvocationRecord>, options: SummaryOptions): BillSummary {
  checkOptions(options);
  const month = monthOf(options.now.toISOString());
  const functions = collect(records, options);
  const months = new Map<string, Bucket[]>();
  for (const buckets of functions.values()) {
    for (const bucket of buckets.values()) getOrAdd(months, bucket.month, () => []).push(bucket);
  }
  const accountByMonth = new Map<string, Priced>();
  for (const [name, buckets] of months) accountByMonth.set(name, priceBuckets(buckets));

  const names = [...functions.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const usageOf = (buckets: readonly Bucket[]): PeriodUsage => ({
    currentMonth: combine(buckets.filter((bucket) => bucket.month === month)),
    allTime: combine(buckets),
  });
  const all = [...months.values()].flat();
  return {
    month,
    generatedAt: options.now.toISOString(),
    whatIf: whatIfOf(options),
    functions: names.map((name) => ({ functionName: name, ...usageOf([...functions.get(name)!.values()]) })),
    total: {
      currentMonth: combine(months.get(month) ?? [], accountByMonth.get(month) ?? NO_COST),
      allTime: combine(all, [...accountByMonth.values()].reduce(addPriced, NO_COST)),
    },
  };
}

function collect(records: Iterable<InvocationRecord>, options: SummaryOptions): Map<string, Map<string, Bucket>> {
  const functions = new Map<string, Map<string, Bucket>>();
  let last: { name: string; month: string; bucket: Bucket } | undefined;
  for (const record of records) {
    const month = monthOf(record.startedAt);
    // Ledgers come in runs of one function and month: skip the two map lookups for those.
    if (last?.name !== record.functionName || last.month !== month) {
      const buckets = getOrAdd(functions, record.functionName, () => new Map<string, Bucket>());
      last = { name: record.functionName, month, bucket: getOrAdd(buckets, month, () => newBucket(month)) };
    }
    add(last.bucket, record, options);
  }
  return functions;
}

function add(bucket: Bucket, record: InvocationRecord, options: SummaryOptions): void {
  if (record.outcome === 'throttled') {
    bucket.throttles++;
    return;
  }
  bucket.invocations++;
  if (record.outcome !== 'success') bucket.errors++;
  if (record.outcome === 'timeout') bucket.timeouts++;
  pushDuration(bucket.durations, record.durationMs);
  const architecture = options.architecture ?? record.architecture;
  const usage = (bucket.usage[architecture] ??= { architecture, requests: 0, mbMs: 0n, pendingMbMs: 0 });
  usage.requests++;
  // Memory and billed ms are integers (config, meter.ts, parse-ledger.ts check it), so a float sum
  // of their products is exact while it stays a safe integer; BigInt only when it would not.
  const memoryMb = options.memoryMb ?? record.memorySizeMb;
  const mbMs = memoryMb * record.billedDurationMs;
  if (usage.pendingMbMs + mbMs <= Number.MAX_SAFE_INTEGER) {
    usage.pendingMbMs += mbMs;
  } else {
    flush(usage);
    usage.mbMs += BigInt(memoryMb) * BigInt(record.billedDurationMs);
  }
}

function flush(usage: MonthUsage & { pendingMbMs: number }): void {
  usage.mbMs += BigInt(usage.pendingMbMs);
  usage.pendingMbMs = 0;
}

/** Prices one month's buckets, keeps each bucket's share, returns the account's month. */
function priceBuckets(buckets: readonly Bucket[]): Priced {
  const owners: Bucket[] = [];
  const usages: MonthUsage[] = [];
  for (const bucket of buckets) {
    for (const usage of Object.values(bucket.usage)) {
      flush(usage);
      owners.push(bucket);
      usages.push(usage);
    }
  }
  const { parts, total } = priceMonth(usages);
  parts.forEach((part, i) => {
    const owner = owners[i]!;
    owner.priced = addPriced(owner.priced, part);
  });
  return total;
}

function addPriced(a: Priced, b: Priced): Priced {
  return { cost: addCosts(a.cost, b.cost), afterFreeTier: addCosts(a.afterFreeTier, b.afterFreeTier) };
}

/** One row of the bill from some buckets; `priced` replaces their summed costs for the account. */
function combine(buckets: readonly Bucket[], priced?: Priced): UsageSummary {
  const sum = (pick: (bucket: Bucket) => number): number => buckets.reduce((total, b) => total + pick(b), 0);
  const durations = joinDurations(buckets.map((bucket) => bucket.durations));
  const n = durations.length;
  const mbMs = buckets.reduce((total, b) => total + Object.values(b.usage).reduce((t, u) => t + u.mbMs, 0n), 0n);
  const { cost, afterFreeTier } = priced ?? buckets.map((b) => b.priced).reduce(addPriced, NO_COST);
  return {
    invocations: sum((b) => b.invocations),
    errors: sum((b) => b.errors),
    timeouts: sum((b) => b.timeouts),
    throttles: sum((b) => b.throttles),
    avgDurationMs: n === 0 ? null : round2(durations.reduce((total, d) => total + d, 0) / n),
    p95DurationMs: n === 0 ? null : round2(nthSmallest(durations, Math.ceil(0.95 * n) - 1)),
    gbSeconds: gbSecondsOf(mbMs),
    ...cost,
    afterFreeTier,
  };
}

function newBucket(month: string): Bucket {
  return { month, invocations: 0, errors: 0, timeouts: 0, throttles: 0, durations: newDurations(), usage: {}, priced: NO_COST };
}

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T[^+]*Z$/;

/** `YYYY-MM` in UTC of an ISO timestamp; the common `...Z` form is sliced rather than parsed. */
function monthOf(iso: string): string {
  if (UTC_ISO.test(iso)) return iso.slice(0, 7);
  const date = new Date(iso);
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

function whatIfOf(options: SummaryOptions): BillSummary['whatIf'] {
  return {
    ...(options.memoryMb !== undefined ? { memoryMb: options.memoryMb } : {}),
    ...(options.architecture !== undefined ? { architecture: options.architecture } : {}),
  };
}

function checkOptions(options: SummaryOptions): void {
  if (Number.isNaN(options.now.getTime())) throw new UsageError('bill: "now" is not a valid date');
  const memory = options.memoryMb;
  // Whole MB keep the MB x ms sums integral; the 128..10240 range is the CLI's to check (config LIMITS).
  if (memory !== undefined && !(Number.isInteger(memory) && memory > 0)) {
    throw new UsageError(`bill: memory must be a whole number of MB, got ${String(memory)}`);
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
