import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { matchesCron, nextFireTimes } from '../../../../src/sources/schedule/next-fire.js';
import {
  assertTimeZone,
  firstInstantOf,
  isValidTimeZone,
  wallTimeAt,
} from '../../../../src/sources/schedule/time-zone.js';
import type { CronExpression } from '../../../../src/sources/schedule/types.js';

function cron(text: string): CronExpression {
  const parsed = parseScheduleExpression(text);
  if (parsed.kind !== 'cron') throw new Error(`expected a cron expression from ${text}`);
  return parsed;
}

/** Fire times as UTC `YYYY-MM-DDTHH:MM`, the cron read on the zone's wall clock. */
function fires(text: string, from: string, count: number, timezone: string): string[] {
  return nextFireTimes(cron(text), new Date(from), count, timezone).map((date) => date.toISOString().slice(0, 16));
}

// Expected values were cross-checked against an independent implementation on Python's zoneinfo.
describe('nextFireTimes cron() in a time zone', () => {
  it.each([
    // New York leaves EST (UTC-5) for EDT (UTC-4) on 2024-03-10 at 02:00.
    ['cron(0 10 * * ? *)', '2024-03-09T00:00:00Z', 'America/New_York', ['2024-03-09T15:00', '2024-03-10T14:00', '2024-03-11T14:00']],
    ['cron(0 9 ? * MON-FRI *)', '2024-05-03T00:00:00Z', 'Asia/Tokyo', ['2024-05-06T00:00', '2024-05-07T00:00']],
    ['cron(0 0 * * ? *)', '2024-05-01T00:00:00Z', 'Asia/Kolkata', ['2024-05-01T18:30', '2024-05-02T18:30']],
    ['cron(45 23 L * ? *)', '2024-02-01T00:00:00Z', 'Asia/Kathmandu', ['2024-02-29T18:00', '2024-03-31T18:00', '2024-04-30T18:00']],
    ['cron(0 12 L * ? *)', '2024-01-01T00:00:00Z', 'Pacific/Auckland', ['2024-01-30T23:00', '2024-02-28T23:00', '2024-03-30T23:00']],
    ['cron(0 0 1 1 ? *)', '2024-12-31T14:00:00Z', 'Pacific/Kiritimati', ['2025-12-31T10:00', '2026-12-31T10:00']],
    ['cron(0 10 * * ? *)', '2024-05-01T00:00:00Z', 'UTC', ['2024-05-01T10:00', '2024-05-02T10:00']],
  ])('%s after %s in %s', (text, from, zone, expected) => {
    expect(fires(text, from, expected.length, zone)).toEqual(expected);
  });

  it.each([
    // Spring forward: a wall time the clock skips does not fire that day (EventBridge Scheduler's rule).
    ['cron(30 2 * * ? *)', '2024-03-08T00:00:00Z', 'America/New_York', ['2024-03-08T07:30', '2024-03-09T07:30', '2024-03-11T06:30']],
    ['cron(0 2 ? * 1#2 *)', '2024-03-01T00:00:00Z', 'America/New_York', ['2024-04-14T06:00', '2024-05-12T06:00']],
    ['cron(0/30 1-3 * * ? *)', '2024-03-31T00:00:00Z', 'Europe/London', ['2024-03-31T01:00', '2024-03-31T01:30', '2024-03-31T02:00', '2024-03-31T02:30', '2024-04-01T00:00']],
    // Santiago springs forward at midnight; Lord Howe by half an hour.
    ['cron(30 0 * * ? *)', '2024-09-07T00:00:00Z', 'America/Santiago', ['2024-09-07T04:30', '2024-09-09T03:30']],
    ['cron(15 2 * * ? *)', '2024-10-04T00:00:00Z', 'Australia/Lord_Howe', ['2024-10-04T15:45', '2024-10-06T15:15']],
  ])('skips %s on the day the clock jumps over it (after %s in %s)', (text, from, zone, expected) => {
    expect(fires(text, from, expected.length, zone)).toEqual(expected);
  });

  it.each([
    // Fall back: a wall time the clock shows twice fires once, at its first occurrence.
    ['cron(30 1 * * ? *)', '2024-11-02T00:00:00Z', 'America/New_York', ['2024-11-02T05:30', '2024-11-03T05:30', '2024-11-04T06:30']],
    [
      'cron(0/20 * * * ? *)',
      '2024-11-03T04:30:00Z',
      'America/New_York',
      ['2024-11-03T04:40', '2024-11-03T05:00', '2024-11-03T05:20', '2024-11-03T05:40', '2024-11-03T07:00', '2024-11-03T07:20'],
    ],
    ['cron(0/20 * * * ? *)', '2024-11-03T06:05:00Z', 'America/New_York', ['2024-11-03T07:00', '2024-11-03T07:20']],
    ['cron(45 1 * * ? *)', '2024-04-05T00:00:00Z', 'Australia/Lord_Howe', ['2024-04-05T14:45', '2024-04-06T14:45', '2024-04-07T15:15']],
  ])('fires %s once when the clock repeats it (after %s in %s)', (text, from, zone, expected) => {
    expect(fires(text, from, expected.length, zone)).toEqual(expected);
  });

  it('refuses an unknown zone with a RangeError naming it', () => {
    expect(() => fires('cron(0 10 * * ? *)', '2024-05-01T00:00:00Z', 1, 'Mars/Olympus')).toThrow(
      new RangeError("unknown time zone 'Mars/Olympus'; use an IANA name such as 'Europe/Paris'"),
    );
  });
});

describe('matchesCron in a time zone', () => {
  it('matches only the first pass through a repeated hour', () => {
    const expression = cron('cron(30 1 * * ? *)');
    expect(matchesCron(expression, new Date('2024-11-03T05:30:00Z'), 'America/New_York')).toBe(true);
    expect(matchesCron(expression, new Date('2024-11-03T06:30:00Z'), 'America/New_York')).toBe(false);
  });

  it('never matches a wall time the clock skips', () => {
    const expression = cron('cron(30 2 * * ? *)');
    for (const instant of ['2024-03-10T06:30:00Z', '2024-03-10T07:30:00Z']) {
      expect(matchesCron(expression, new Date(instant), 'America/New_York')).toBe(false);
    }
  });

  it('reads the day fields on the local calendar', () => {
    // 2024-05-03T23:30Z is already Saturday 08:30 in Tokyo.
    const weekdays = cron('cron(30 8 ? * MON-FRI *)');
    expect(matchesCron(weekdays, new Date('2024-05-03T23:30:00Z'), 'Asia/Tokyo')).toBe(false);
    expect(matchesCron(weekdays, new Date('2024-05-02T23:30:00Z'), 'Asia/Tokyo')).toBe(true);
  });

  it.each([
    // Zone, its 2024 spring-forward and fall-back days, and the wall times lost in the gap.
    ['America/New_York', ['2024-03-10', '2024-11-03'], 4],
    ['Europe/London', ['2024-03-31', '2024-10-27'], 4],
    ['Australia/Lord_Howe', ['2024-10-06', '2024-04-07'], 2],
  ] as const)('agrees with nextFireTimes minute by minute around the DST changes in %s', (zone, days, gap) => {
    const expression = cron('cron(0/15 0-3 * * ? 2024)');
    for (const day of days) {
      // Two days either side of the change, in UTC, scanned every quarter hour.
      const from = Date.parse(`${day}T00:00:00Z`) - 2 * 86_400_000;
      const to = from + 4 * 86_400_000;
      const matched: string[] = [];
      for (let ms = from; ms < to; ms += 15 * 60_000) {
        if (matchesCron(expression, new Date(ms), zone)) matched.push(new Date(ms).toISOString());
      }
      const listed = nextFireTimes(expression, new Date(from - 1), 64, zone)
        .filter((date) => date.getTime() < to)
        .map((date) => date.toISOString());
      expect(matched).toEqual(listed);
      // Four local days of 16 wall times each fit in the window; only the spring gap loses any.
      const local = new Set(matched.map((iso) => new Date(iso).toLocaleDateString('en-CA', { timeZone: zone })));
      expect(local.size).toBeGreaterThanOrEqual(4);
    }
    // Counted on the local calendar, starting a day early so every zone's day is covered.
    const onLocalDay = (day: string): Date[] =>
      nextFireTimes(expression, new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000), 200, zone).filter(
        (date) => date.toLocaleDateString('en-CA', { timeZone: zone }) === day,
      );
    expect(onLocalDay(days[0])).toHaveLength(16 - gap);
    const autumn = onLocalDay(days[1]);
    expect(autumn).toHaveLength(16);
  });
});

describe('time-zone helpers', () => {
  it('reads the wall clock of an instant', () => {
    expect(wallTimeAt(Date.parse('2024-11-03T06:30:00Z'), 'America/New_York')).toEqual({
      year: 2024,
      month: 11,
      day: 3,
      hour: 1,
      minute: 30,
    });
    expect(wallTimeAt(Date.parse('2024-05-01T23:59:59Z'), undefined)).toEqual({
      year: 2024,
      month: 5,
      day: 1,
      hour: 23,
      minute: 59,
    });
  });

  it('maps a wall time to its first instant, or to nothing inside a gap', () => {
    const wall = { year: 2024, month: 11, day: 3, hour: 1, minute: 30 };
    expect(firstInstantOf(wall, 'America/New_York')).toBe(Date.parse('2024-11-03T05:30:00Z'));
    expect(firstInstantOf({ ...wall, month: 3, day: 10, hour: 2 }, 'America/New_York')).toBeUndefined();
    expect(firstInstantOf({ ...wall, month: 3, day: 10, hour: 3 }, 'America/New_York')).toBe(Date.parse('2024-03-10T07:30:00Z'));
    expect(firstInstantOf(wall, undefined)).toBe(Date.parse('2024-11-03T01:30:00Z'));
  });

  it('tells known zones from unknown ones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(() => assertTimeZone(undefined)).not.toThrow();
    expect(() => assertTimeZone('Europe/Atlantis')).toThrow(RangeError);
  });
});
