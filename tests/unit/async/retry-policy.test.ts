import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SETTINGS, decideAfterAttempt, type AttemptFacts, type RetryDecision } from '../../../src/async/retry-policy.js';

const NOW = 1_700_000_000_000;
const HOUR_S = 3600;

/** An attempt that just happened now, on an event queued a second ago, with AWS's default settings. */
function facts(overrides: Partial<AttemptFacts>): AttemptFacts {
  return {
    outcome: 'error', attempts: 1, throttles: 0, queuedAtMs: NOW - 1_000, nowMs: NOW,
    maximumRetryAttempts: 2, maximumEventAgeSec: 6 * HOUR_S, reservedConcurrency: undefined,
    ...overrides,
  };
}

const retryIn = (ms: number, countsAsAttempt = true): RetryDecision => ({ action: 'retry', atMs: NOW + ms, countsAsAttempt });
const deadLetter = (condition: string): RetryDecision => ({ action: 'dead-letter', condition } as RetryDecision);

describe('decideAfterAttempt', () => {
  it.each<[string, Partial<AttemptFacts>, RetryDecision]>([
    ['a success is done', { outcome: 'success' }, { action: 'done' }],
    ['a success is done even when old and out of retries', { outcome: 'success', attempts: 9, queuedAtMs: NOW - 7 * HOUR_S * 1000 }, { action: 'done' }],
    ['a first error waits the first delay', { attempts: 1 }, retryIn(1_000)],
    ['a second error waits the second delay', { attempts: 2 }, retryIn(2_000)],
    ['a third error exhausts the two retries', { attempts: 3 }, deadLetter('RetriesExhausted')],
    ['a timeout is retried like an error', { outcome: 'timeout' }, retryIn(1_000)],
    ['running out of memory is retried like an error', { outcome: 'out-of-memory' }, retryIn(1_000)],
    ['a crash is retried like an error', { outcome: 'crash' }, retryIn(1_000)],
    ['an init error is retried like an error', { outcome: 'init-error' }, retryIn(1_000)],
    ['maximumRetryAttempts 0 makes one attempt only', { maximumRetryAttempts: 0 }, deadLetter('RetriesExhausted')],
    ['maximumRetryAttempts 1 retries once', { maximumRetryAttempts: 1 }, retryIn(1_000)],
    ['maximumRetryAttempts 1 stops after the second attempt', { maximumRetryAttempts: 1, attempts: 2 }, deadLetter('RetriesExhausted')],
    ['spent retries win over the event age', { attempts: 3, queuedAtMs: NOW - 7 * HOUR_S * 1000 }, deadLetter('RetriesExhausted')],
    ['a retry that would run past the maximum age is a dead letter now', { maximumEventAgeSec: 60, queuedAtMs: NOW - 59_500 }, deadLetter('EventAgeExceeded')],
    ['a retry that runs exactly at the maximum age still happens', { maximumEventAgeSec: 60, queuedAtMs: NOW - 59_000 }, retryIn(1_000)],
    ['a first throttle backs off the initial delay without using an attempt', { outcome: 'throttled', attempts: 0, throttles: 1 }, retryIn(100, false)],
    ['throttles in a row double the backoff', { outcome: 'throttled', attempts: 0, throttles: 3 }, retryIn(400, false)],
    ['the throttle backoff stops growing at its maximum', { outcome: 'throttled', attempts: 0, throttles: 20 }, retryIn(5_000, false)],
    ['throttles never exhaust the retries', { outcome: 'throttled', attempts: 3, throttles: 1 }, retryIn(100, false)],
    ['a throttle past the maximum age is a dead letter', { outcome: 'throttled', throttles: 1, maximumEventAgeSec: 60, queuedAtMs: NOW - 59_950 }, deadLetter('EventAgeExceeded')],
    ['reserved concurrency 0 sends a throttled event straight to the dead letters', { outcome: 'throttled', attempts: 0, throttles: 1, reservedConcurrency: 0 }, deadLetter('ZeroReservedConcurrency')],
    ['reserved concurrency 0 does not matter to a function error', { reservedConcurrency: 0 }, retryIn(1_000)],
  ])('%s', (_name, overrides, expected) => {
    expect(decideAfterAttempt(facts(overrides))).toEqual(expected);
  });

  it('uses AWS-shaped but short local delays by default', () => {
    expect(DEFAULT_RETRY_SETTINGS).toEqual({ retryDelaysMs: [1_000, 2_000], throttleBackoffMs: { initial: 100, max: 5_000 } });
  });

  it.each<[string, number, number]>([
    ['the first configured delay after attempt 1', 1, 20],
    ['the last configured delay when attempts outnumber the delays', 2, 20],
  ])('takes %s', (_name, attempts, delay) => {
    const settings = { retryDelaysMs: [20], throttleBackoffMs: { initial: 5, max: 15 } };
    expect(decideAfterAttempt(facts({ attempts }), settings)).toEqual(retryIn(delay));
  });

  it('retries at once when no delays are configured', () => {
    expect(decideAfterAttempt(facts({}), { retryDelaysMs: [], throttleBackoffMs: { initial: 0, max: 0 } })).toEqual(retryIn(0));
  });

  it('caps a custom throttle backoff at its maximum', () => {
    const settings = { retryDelaysMs: [20], throttleBackoffMs: { initial: 5, max: 15 } };
    expect([1, 2, 3, 4].map((throttles) => decideAfterAttempt(facts({ outcome: 'throttled', throttles }), settings))).toEqual([
      retryIn(5, false), retryIn(10, false), retryIn(15, false), retryIn(15, false),
    ]);
  });
});
