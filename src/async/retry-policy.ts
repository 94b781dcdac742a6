/**
 * What happens to an asynchronous event after a delivery attempt, as Lambda decides it
 * (reference/LAMBDA.md §10): function errors are retried up to maximumRetryAttempts (0..2)
 * with growing delays; throttles go back to the queue without using an attempt, with a
 * backoff; an event older than maximumEventAge, or whose retries are spent, is a dead letter.
 * Pure: the queue applies the decision.
 */
import type { Outcome } from '../runtime/types.js';

export interface RetrySettings {
  /** Delay before the 2nd and 3rd attempts. AWS waits ~1 and ~2 minutes; locally shorter by default. */
  retryDelaysMs: readonly number[];
  /** First and largest backoff after a throttle (AWS: 1 s growing to 5 min). */
  throttleBackoffMs: { initial: number; max: number };
}

export const DEFAULT_RETRY_SETTINGS: RetrySettings = {
  retryDelaysMs: [1_000, 2_000],
  throttleBackoffMs: { initial: 100, max: 5_000 },
};

export type DeadLetterCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency' | 'FunctionNotFound';

export type RetryDecision =
  | { action: 'done' }
  | { action: 'retry'; atMs: number; countsAsAttempt: boolean }
  | { action: 'dead-letter'; condition: DeadLetterCondition };

export interface AttemptFacts {
  outcome: Outcome;
  /** Attempts made so far, this one included (throttles excluded). */
  attempts: number;
  /** Throttles met in a row, this one included. */
  throttles: number;
  queuedAtMs: number;
  nowMs: number;
  maximumRetryAttempts: number;
  maximumEventAgeSec: number;
  reservedConcurrency: number | undefined;
}

export function decideAfterAttempt(facts: AttemptFacts, settings: RetrySettings = DEFAULT_RETRY_SETTINGS): RetryDecision {
  if (facts.outcome === 'success') return { action: 'done' };
  if (facts.outcome === 'throttled') {
    // Reserved concurrency 0: AWS sends new events straight to the failure destination.
    if (facts.reservedConcurrency === 0) return { action: 'dead-letter', condition: 'ZeroReservedConcurrency' };
    const backoff = Math.min(settings.throttleBackoffMs.max, settings.throttleBackoffMs.initial * 2 ** (facts.throttles - 1));
    return withinAge(facts, facts.nowMs + backoff) ?? { action: 'retry', atMs: facts.nowMs + backoff, countsAsAttempt: false };
  }
  if (facts.attempts > facts.maximumRetryAttempts) return { action: 'dead-letter', condition: 'RetriesExhausted' };
  const delay = settings.retryDelaysMs[facts.attempts - 1] ?? settings.retryDelaysMs.at(-1) ?? 0;
  return withinAge(facts, facts.nowMs + delay) ?? { action: 'retry', atMs: facts.nowMs + delay, countsAsAttempt: true };
}

/** A retry that would run after the event's maximum age is a dead letter now. */
function withinAge(facts: AttemptFacts, retryAtMs: number): RetryDecision | undefined {
  return retryAtMs - facts.queuedAtMs > facts.maximumEventAgeSec * 1000 ? { action: 'dead-letter', condition: 'EventAgeExceeded' } : undefined;
}
