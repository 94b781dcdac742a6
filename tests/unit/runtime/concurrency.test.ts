import { describe, expect, it } from 'vitest';
import { ConcurrencyLimits } from '../../../src/runtime/concurrency.js';

describe('ConcurrencyLimits', () => {
  it('caps a function at its reserved concurrency, and 0 refuses every call', () => {
    const limits = new ConcurrencyLimits(10);
    limits.setReserved(new Map([['a', 2], ['off', 0]]));
    const slots = [limits.tryAcquire('a'), limits.tryAcquire('a')];
    expect(slots.every(Boolean)).toBe(true);
    expect(limits.tryAcquire('a')).toBeUndefined();
    expect(limits.tryAcquire('off')).toBeUndefined();
    limits.release(slots[0]!);
    expect(limits.tryAcquire('a')).toBeDefined();
  });

  it('shares what the account limit leaves unreserved among the other functions', () => {
    const limits = new ConcurrencyLimits(5);
    limits.setReserved(new Map([['a', 3], ['b', undefined], ['c', undefined]]));
    expect(limits.limitOf('b')).toBe(2);
    expect(limits.tryAcquire('b')).toBeDefined();
    expect(limits.tryAcquire('c')).toBeDefined();
    expect(limits.tryAcquire('b')).toBeUndefined();
    expect(limits.tryAcquire('a')).toBeDefined();
  });

  it('returns a slot to the share it came from when the reservation changes meanwhile', () => {
    const limits = new ConcurrencyLimits(2);
    limits.setReserved(new Map([['a', undefined], ['b', undefined]]));
    const slot = limits.tryAcquire('a')!;
    limits.setReserved(new Map([['a', 1], ['b', undefined]]));
    limits.release(slot);
    expect(limits.inUse('a')).toBe(0);
    // b now has the whole unreserved share (2 - 1 reserved = 1), and nothing leaked from a's slot.
    expect(limits.tryAcquire('b')).toBeDefined();
    expect(limits.tryAcquire('b')).toBeUndefined();
  });
});
