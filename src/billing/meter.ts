/**
 * Billing maths for one invocation: billed milliseconds, GB-seconds and cost.
 * Pure functions; the rules are in reference/PRICING.md §3 and LAMBDA.md §7.
 */
import type { Architecture } from '../runtime/types.js';
import { PRICE_PER_GB_SECOND_USD, PRICE_PER_REQUEST_USD } from './pricing.js';

export interface MeterInput {
  durationMs: number;
  /** Present on a cold start: billed too since 1 Aug 2025. */
  initDurationMs?: number | undefined;
  memorySizeMb: number;
  architecture: Architecture;
}

export interface Bill {
  billedDurationMs: number;
  gbSeconds: number;
  /** Request charge plus compute charge, before any free tier. */
  costUsd: number;
}

/** Billed duration: Duration plus Init Duration on a cold start, rounded up to the millisecond. */
export function billedDurationMs(durationMs: number, initDurationMs?: number): number {
  // Round away float noise first (46.12 + 0 must not become 47.000000001 -> 48).
  const total = Math.round((durationMs + (initDurationMs ?? 0)) * 1e6) / 1e6;
  return Math.max(1, Math.ceil(total));
}

export function gbSeconds(memorySizeMb: number, billedMs: number): number {
  return (memorySizeMb / 1024) * (billedMs / 1000);
}

export function computeCostUsd(gbs: number, architecture: Architecture, requests = 1): number {
  return gbs * PRICE_PER_GB_SECOND_USD[architecture] + requests * PRICE_PER_REQUEST_USD;
}

export function meter(input: MeterInput): Bill {
  const billedMs = billedDurationMs(input.durationMs, input.initDurationMs);
  const gbs = gbSeconds(input.memorySizeMb, billedMs);
  return { billedDurationMs: billedMs, gbSeconds: gbs, costUsd: computeCostUsd(gbs, input.architecture) };
}
