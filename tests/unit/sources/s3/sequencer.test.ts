import { describe, expect, it } from 'vitest';
import { compareSequencers, nextSequencer } from '../../../../src/sources/s3/sequencer.js';

const at = (iso: string): Date => new Date(iso);

describe('nextSequencer', () => {
  it('looks like S3s: 18 upper-case hex digits led by the epoch second', () => {
    const sequencer = nextSequencer(undefined, at('2024-05-01T12:00:00.000Z'));
    expect(sequencer).toMatch(/^[0-9A-F]{18}$/);
    // 0x66322EC0 = 1714564800 = 2024-05-01T12:00:00Z, as in events/s3-put.json.
    expect(sequencer.startsWith('0066322EC0')).toBe(true);
  });

  it('increases with time', () => {
    const first = nextSequencer(undefined, at('2024-05-01T12:00:00.000Z'));
    const second = nextSequencer(undefined, at('2024-05-01T12:00:00.001Z'));
    const third = nextSequencer(undefined, at('2024-05-01T12:00:01.000Z'));
    expect(compareSequencers(first, second)).toBeLessThan(0);
    expect(compareSequencers(second, third)).toBeLessThan(0);
  });

  it('increases strictly for changes within the same millisecond', () => {
    const time = at('2024-05-01T12:00:00.500Z');
    const first = nextSequencer(undefined, time);
    const second = nextSequencer(first, time);
    const third = nextSequencer(second, time);
    expect(compareSequencers(first, second)).toBeLessThan(0);
    expect(compareSequencers(second, third)).toBeLessThan(0);
    expect(BigInt(`0x${third}`) - BigInt(`0x${first}`)).toBe(2n);
  });

  it('never goes down when the clock steps backwards', () => {
    const later = nextSequencer(undefined, at('2024-05-01T12:00:10.000Z'));
    const afterStepBack = nextSequencer(later, at('2024-05-01T12:00:00.000Z'));
    expect(compareSequencers(later, afterStepBack)).toBeLessThan(0);
  });

  it('stays monotonic over many changes at random times', () => {
    let previous: string | undefined;
    const base = Date.parse('2024-05-01T12:00:00Z');
    for (let i = 0; i < 500; i++) {
      const next = nextSequencer(previous, new Date(base + ((i * 7919) % 3000)));
      if (previous !== undefined) expect(compareSequencers(previous, next)).toBeLessThan(0);
      previous = next;
    }
  });
});

describe('compareSequencers', () => {
  it('right-pads the shorter with zeros before comparing, as AWS documents', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E5')).toBe(0);
    expect(compareSequencers('0055AED6DCD9028', '0055AED6DCD90281E5')).toBeLessThan(0);
    expect(compareSequencers('0055AED6DCD903', '0055AED6DCD90281E5')).toBeGreaterThan(0);
    expect(compareSequencers('ABC', 'ABC000')).toBe(0);
  });

  it('sorts a list of sequencers into event order', () => {
    const sorted = ['0066322FEC11223344', '0066322EC0A1B2C3D4', '0066322EC0A1'].sort(compareSequencers);
    expect(sorted).toEqual(['0066322EC0A1', '0066322EC0A1B2C3D4', '0066322FEC11223344']);
  });
});
