import { describe, expect, it } from 'vitest';
import { joinDurations, newDurations, nthSmallest, pushDuration } from '../../../src/billing/durations.js';

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function* lcg(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

describe('durations', () => {
  it('grows past its initial capacity without losing values', () => {
    const list = newDurations();
    for (let i = 0; i < 1000; i++) pushDuration(list, i);
    expect(list.length).toBe(1000);
    expect(Array.from(joinDurations([list]))).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('joins several lists in order, and none into an empty array', () => {
    const a = newDurations();
    const b = newDurations();
    pushDuration(a, 1);
    pushDuration(b, 2);
    pushDuration(b, 3);
    expect(Array.from(joinDurations([a, b]))).toEqual([1, 2, 3]);
    expect(joinDurations([]).length).toBe(0);
  });

  it('selects the same k-th value as a full sort, for random, sorted, reversed and repeated data', () => {
    const random = lcg(42);
    const cases: number[][] = [
      Array.from({ length: 1001 }, () => Math.round(random.next().value! * 50_000) / 100),
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => 500 - i),
      Array.from({ length: 300 }, (_, i) => i % 3),
      [5],
      [2, 1],
    ];
    for (const values of cases) {
      const sorted = [...values].sort((x, y) => x - y);
      for (const k of [0, Math.floor(values.length / 2), Math.ceil(0.95 * values.length) - 1, values.length - 1]) {
        expect(nthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
      }
    }
  });
});
