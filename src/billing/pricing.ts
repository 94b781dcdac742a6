/**
 * AWS Lambda on-demand prices, us-east-1, first tier (reference/PRICING.md §1).
 * Lambda's "GB" is 1024 MB (PRICING.md §3), so memory is divided by 1024.
 */
import type { Architecture } from '../runtime/types.js';

export const PRICE_PER_REQUEST_USD = 0.2 / 1_000_000;

export const PRICE_PER_GB_SECOND_USD: Readonly<Record<Architecture, number>> = {
  x86_64: 0.0000166667,
  arm64: 0.0000133334,
};

/** AWS's always-free monthly allowance, shared by every function and both architectures. */
export const FREE_TIER = { requests: 1_000_000, gbSeconds: 400_000 } as const;
