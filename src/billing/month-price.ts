/**
 * Exact pricing of one calendar month of account usage, before and after the free tier
 * (reference/PRICING.md §2-§3). Usage is integer MB x ms and prices are integers of 1e-10 USD,
 * so "exactly 400,000 GB-s" is exactly the free tier (not 400000.00000000006) and sums of
 * millions of invocations do not drift; dollars become floats only at the end.
 */
import type { Architecture } from '../runtime/types.js';
import { FREE_TIER, PRICE_PER_GB_SECOND_USD, PRICE_PER_REQUEST_USD } from './pricing.js';

export interface CostUsd {
  requestCostUsd: number;
  computeCostUsd: number;
  costUsd: number;
}

/** What one function ran on one architecture in the month. */
export interface MonthUsage {
  architecture: Architecture;
  requests: number;
  /** Memory MB x billed ms, summed: 1 GB-s is 1024 MB x 1000 ms. */
  mbMs: bigint;
}

export interface Priced {
  cost: CostUsd;
  afterFreeTier: CostUsd;
}

export interface PricedMonth {
  /** One per usage, in the order given; the free tier is shared in proportion (see priceMonth). */
  parts: Priced[];
  /** The account's month, computed from its own sums rather than by adding up the parts. */
  total: Priced;
}

export const MB_MS_PER_GB_S = 1_024_000n;
// pricing.ts prices have at most 10 decimals, so scaling by 1e10 makes them exact integers.
const PRICE_SCALE = 10_000_000_000n;
const scaled = (usd: number): bigint => BigInt(Math.round(usd * 1e10));
const REQUEST_PRICE = scaled(PRICE_PER_REQUEST_USD);
const GB_S_PRICE: Readonly<Record<Architecture, bigint>> = {
  x86_64: scaled(PRICE_PER_GB_SECOND_USD.x86_64),
  arm64: scaled(PRICE_PER_GB_SECOND_USD.arm64),
};
const FREE_REQUESTS = BigInt(FREE_TIER.requests);
const FREE_MB_MS = BigInt(FREE_TIER.gbSeconds) * MB_MS_PER_GB_S;

/**
 * Prices a month of the account. The free tier (1M requests, 400,000 GB-s) belongs to the account
 * and is shared by every function and both architectures, so it is taken off the month's totals.
 * Each part then pays its share of what remains in proportion to its use: a part that made 30% of
 * the requests pays 30% of the billable requests, and likewise for GB-s. AWS does not say how it
 * splits the GB-s allowance between architectures; this proportional split is lambkin's choice.
 */
export function priceMonth(usages: readonly MonthUsage[]): PricedMonth {
  const requests = BigInt(usages.reduce((sum, usage) => sum + usage.requests, 0));
  const mbMs = usages.reduce((sum, usage) => sum + usage.mbMs, 0n);
  const billableRequests = requests > FREE_REQUESTS ? requests - FREE_REQUESTS : 0n;
  const billableMbMs = mbMs > FREE_MB_MS ? mbMs - FREE_MB_MS : 0n;
  let computeAll = 0n; // 1e-10 USD x MB_MS_PER_GB_S, before the free tier
  const parts = usages.map((usage): Priced => {
    const partRequests = BigInt(usage.requests);
    const compute = usage.mbMs * GB_S_PRICE[usage.architecture];
    computeAll += compute;
    return {
      cost: costOf(usd(partRequests * REQUEST_PRICE, 1n), usd(compute, MB_MS_PER_GB_S)),
      afterFreeTier: costOf(
        usd(partRequests * billableRequests * REQUEST_PRICE, requests),
        usd(compute * billableMbMs, mbMs * MB_MS_PER_GB_S),
      ),
    };
  });
  const total: Priced = {
    cost: costOf(usd(requests * REQUEST_PRICE, 1n), usd(computeAll, MB_MS_PER_GB_S)),
    afterFreeTier: costOf(usd(billableRequests * REQUEST_PRICE, 1n), usd(computeAll * billableMbMs, mbMs * MB_MS_PER_GB_S)),
  };
  return { parts, total };
}

export function gbSecondsOf(mbMs: bigint): number {
  return ratio(mbMs, MB_MS_PER_GB_S);
}

export function costOf(requestCostUsd: number, computeCostUsd: number): CostUsd {
  return { requestCostUsd, computeCostUsd, costUsd: requestCostUsd + computeCostUsd };
}

export function addCosts(a: CostUsd, b: CostUsd): CostUsd {
  return costOf(a.requestCostUsd + b.requestCostUsd, a.computeCostUsd + b.computeCostUsd);
}

/** `numerator / denominator` in 1e-10 USD, as dollars. */
function usd(numerator: bigint, denominator: bigint): number {
  return ratio(numerator, denominator * PRICE_SCALE);
}

/** Whole part exact, fraction to float precision; 0 for an empty month (0 / 0). */
function ratio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) return 0;
  return Number(numerator / denominator) + Number(numerator % denominator) / Number(denominator);
}
