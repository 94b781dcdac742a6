/**
 * S3's `sequencer`: a hex string that orders the events of one key (EVENTS.md §1.2). lambkin
 * makes them increase per bucket, which is stronger than the per-key order S3 promises.
 */

// S3's look: 18 hex digits, e.g. "0066322EC0A1B2C3D4", whose leading part is the epoch second
// (0x66322EC0 = 2024-05-01T12:00:00Z). We put the second in the high 32 bits and the millisecond
// in the top 10 of the low 32, leaving 2^22 steps per millisecond before the clock part matters.
const WIDTH = 18;

/**
 * The sequencer for a change at `time`, strictly greater than `previous` (the bucket's last one).
 * A clock that steps backwards cannot make it go down: it continues from `previous` + 1.
 */
export function nextSequencer(previous: string | undefined, time: Date): string {
  const ms = BigInt(time.getTime());
  const fromClock = ((ms / 1000n) << 32n) | ((ms % 1000n) << 22n);
  const afterPrevious = previous === undefined ? 0n : BigInt(`0x${previous}`) + 1n;
  const value = fromClock > afterPrevious ? fromClock : afterPrevious;
  return value.toString(16).toUpperCase().padStart(WIDTH, '0');
}

/**
 * AWS's rule for two sequencers of one key: right-pad the shorter with `0`, then compare as strings;
 * the greater is the later event. Returns <0, 0 or >0 like a sort comparator.
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padEnd(width, '0');
  const right = b.toUpperCase().padEnd(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}
