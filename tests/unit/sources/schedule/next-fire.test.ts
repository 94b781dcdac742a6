import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { matchesCron, matchesSchedule, nextFireTimes } from '../../../../src/sources/schedule/next-fire.js';
import type { CronExpression } from '../../../../src/sources/schedule/types.js';

function cron(text: string): CronExpression {
  const parsed = parseScheduleExpression(text);
  if (parsed.kind !== 'cron') throw new Error(`expected a cron expression from ${text}`);
  return parsed;
}

/** Fire times in UTC as `YYYY-MM-DDTHH:MM` (cron fires on whole minutes). */
function fires(text: string, from: string, count: number): string[] {
  return nextFireTimes(cron(text), new Date(from), count).map((date) => date.toISOString().slice(0, 16));
}

// Expected values were cross-checked against an independent minute-by-minute implementation.
describe('nextFireTimes cron() in UTC', () => {
  it.each([
    ['cron(0 10 * * ? *)', '2024-05-01T12:00:00Z', ['2024-05-02T10:00', '2024-05-03T10:00', '2024-05-04T10:00']],
    ['cron(15 12 * * ? *)', '2024-05-01T12:15:00Z', ['2024-05-02T12:15', '2024-05-03T12:15']],
    ['cron(15 12 * * ? *)', '2024-05-01T12:14:59.999Z', ['2024-05-01T12:15', '2024-05-02T12:15']],
    ['cron(0 18 ? * MON-FRI *)', '2024-05-01T12:00:00Z', ['2024-05-01T18:00', '2024-05-02T18:00', '2024-05-03T18:00', '2024-05-06T18:00']],
    ['cron(0 8 1 * ? *)', '2024-05-01T12:00:00Z', ['2024-06-01T08:00', '2024-07-01T08:00', '2024-08-01T08:00']],
    ['cron(0/15 * * * ? *)', '2024-05-01T12:07:30Z', ['2024-05-01T12:15', '2024-05-01T12:30', '2024-05-01T12:45', '2024-05-01T13:00']],
    ['cron(*/5 * * * ? *)', '2024-05-01T12:04:59Z', ['2024-05-01T12:05', '2024-05-01T12:10']],
    ['cron(0/5 8-17 ? * MON-FRI *)', '2024-05-03T17:50:00Z', ['2024-05-03T17:55', '2024-05-06T08:00', '2024-05-06T08:05']],
    ['cron(5,35 14 * * ? *)', '2024-05-01T14:05:00Z', ['2024-05-01T14:35', '2024-05-02T14:05', '2024-05-02T14:35']],
    ['cron(15 10 ? * 6L 2019-2022)', '2022-10-01T00:00:00Z', ['2022-10-28T10:15', '2022-11-25T10:15', '2022-12-30T10:15']],
    [
      'cron(0/30 20-2 ? * MON-FRI *)',
      '2024-05-03T23:00:00Z',
      ['2024-05-03T23:30', '2024-05-06T00:00', '2024-05-06T00:30', '2024-05-06T01:00', '2024-05-06T01:30', '2024-05-06T02:00', '2024-05-06T02:30', '2024-05-06T20:00'],
    ],
    ['cron(0 0 29 2 ? *)', '2024-03-01T00:00:00Z', ['2028-02-29T00:00', '2032-02-29T00:00', '2036-02-29T00:00']],
    ['cron(0 0 29 2 ? *)', '2096-03-01T00:00:00Z', ['2104-02-29T00:00']],
    ['cron(0 0 L * ? *)', '2024-01-15T00:00:00Z', ['2024-01-31T00:00', '2024-02-29T00:00', '2024-03-31T00:00', '2024-04-30T00:00']],
    ['cron(0 0 L 2 ? *)', '2023-01-01T00:00:00Z', ['2023-02-28T00:00', '2024-02-29T00:00', '2025-02-28T00:00']],
    ['cron(0 9 LW * ? *)', '2024-05-01T00:00:00Z', ['2024-05-31T09:00', '2024-06-28T09:00', '2024-07-31T09:00', '2024-08-30T09:00']],
    ['cron(0 9 L-2 * ? *)', '2024-01-01T00:00:00Z', ['2024-01-29T09:00', '2024-02-27T09:00', '2024-03-29T09:00']],
    ['cron(0 9 15W * ? *)', '2024-06-01T00:00:00Z', ['2024-06-14T09:00', '2024-07-15T09:00', '2024-08-15T09:00', '2024-09-16T09:00']],
    ['cron(0 9 1W * ? *)', '2024-05-02T00:00:00Z', ['2024-06-03T09:00', '2024-07-01T09:00', '2024-08-01T09:00', '2024-09-02T09:00']],
    ['cron(0 9 31W * ? *)', '2027-01-01T00:00:00Z', ['2027-01-29T09:00', '2027-03-31T09:00', '2027-05-31T09:00', '2027-07-30T09:00']],
    ['cron(0 12 ? * 3#2 *)', '2024-01-01T00:00:00Z', ['2024-01-09T12:00', '2024-02-13T12:00', '2024-03-12T12:00']],
    ['cron(0 12 ? * MON#1 *)', '2024-01-01T00:00:00Z', ['2024-01-01T12:00', '2024-02-05T12:00', '2024-03-04T12:00']],
    ['cron(0 12 ? * 2#5 *)', '2024-01-01T00:00:00Z', ['2024-01-29T12:00', '2024-04-29T12:00', '2024-07-29T12:00', '2024-09-30T12:00']],
    ['cron(0 12 ? * FRIL *)', '2024-01-01T00:00:00Z', ['2024-01-26T12:00', '2024-02-23T12:00', '2024-03-29T12:00']],
    ['cron(0 12 ? * L *)', '2024-05-01T00:00:00Z', ['2024-05-04T12:00', '2024-05-11T12:00']],
    ['cron(0 12 ? * 1 *)', '2024-05-01T00:00:00Z', ['2024-05-05T12:00', '2024-05-12T12:00']],
    ['cron(0 12 ? * SUN,SAT *)', '2024-05-01T00:00:00Z', ['2024-05-04T12:00', '2024-05-05T12:00', '2024-05-11T12:00']],
    ['cron(0 12 ? * FRI-MON *)', '2024-05-01T00:00:00Z', ['2024-05-03T12:00', '2024-05-04T12:00', '2024-05-05T12:00', '2024-05-06T12:00', '2024-05-10T12:00']],
    ['cron(0 0 1 NOV-FEB ? *)', '2024-05-01T00:00:00Z', ['2024-11-01T00:00', '2024-12-01T00:00', '2025-01-01T00:00', '2025-02-01T00:00', '2025-11-01T00:00']],
    ['cron(0 0 1 JAN,jul ? *)', '2024-05-01T00:00:00Z', ['2024-07-01T00:00', '2025-01-01T00:00']],
    ['cron(0 0 1 */3 ? *)', '2024-05-01T00:00:00Z', ['2024-07-01T00:00', '2024-10-01T00:00', '2025-01-01T00:00']],
    ['cron(0 0 1 1 ? 2030/5)', '2024-05-01T00:00:00Z', ['2030-01-01T00:00', '2035-01-01T00:00', '2040-01-01T00:00']],
    ['cron(0 0 1 1 ? 2025,2027-2028)', '2024-05-01T00:00:00Z', ['2025-01-01T00:00', '2027-01-01T00:00', '2028-01-01T00:00']],
    ['cron(50-10/5 * * * ? *)', '2024-05-01T12:40:00Z', ['2024-05-01T12:50', '2024-05-01T12:55', '2024-05-01T13:00', '2024-05-01T13:05', '2024-05-01T13:10', '2024-05-01T13:50']],
    ['cron(0 0 28-3 * ? *)', '2024-02-27T00:00:00Z', ['2024-02-28T00:00', '2024-02-29T00:00', '2024-03-01T00:00', '2024-03-02T00:00', '2024-03-03T00:00', '2024-03-28T00:00']],
    ['cron(0 0 1/10 * ? *)', '2024-01-01T00:00:00Z', ['2024-01-11T00:00', '2024-01-21T00:00', '2024-01-31T00:00', '2024-02-01T00:00']],
    ['cron(* * * * ? *)', '2024-12-31T23:58:10Z', ['2024-12-31T23:59', '2025-01-01T00:00', '2025-01-01T00:01']],
  ])('%s after %s', (text, from, expected) => {
    expect(fires(text, from, expected.length)).toEqual(expected);
  });

  it.each([
    ['cron(0 0 1 1 ? 2020)', '2024-05-01T00:00:00Z', []],
    ['cron(15 10 ? * 6L 2019-2022)', '2022-12-30T10:15:00Z', []],
    ['cron(0 0 1 1 ? 2025,2027-2028)', '2024-05-01T00:00:00Z', ['2025-01-01T00:00', '2027-01-01T00:00', '2028-01-01T00:00']],
    ['cron(59 23 31 12 ? 2199)', '2024-05-01T00:00:00Z', ['2199-12-31T23:59']],
    ['cron(0 0 29 2 ? 2100-2110)', '2024-05-01T00:00:00Z', ['2104-02-29T00:00', '2108-02-29T00:00']],
    ['cron(0 0 30 2 ? *)', '2024-05-01T00:00:00Z', []],
    ['cron(0 0 31 2,4,6,9,11 ? *)', '1970-01-01T00:00:00Z', []],
    ['cron(0 0 * * ? *)', '2199-12-31T00:00:00Z', []],
  ])('%s after %s returns only what is left: %j', (text, from, expected) => {
    expect(fires(text, from, 5)).toEqual(expected);
  });

  it('finds fire times by skipping fields, not minutes', () => {
    const started = performance.now();
    const leapDays = fires('cron(0 0 29 2 ? *)', '1970-01-01T00:00:00Z', 100);
    const never = fires('cron(0 0 30 2 ? *)', '1970-01-01T00:00:00Z', 1);
    const farYear = fires('cron(0 0 ? * 2#5 2199)', '1970-01-01T00:00:00Z', 1);
    expect(performance.now() - started).toBeLessThan(500);
    // Every leap day from 1972 to 2196 (2100 is not one), then the year field ends.
    expect(leapDays[0]).toBe('1972-02-29T00:00');
    expect(leapDays.at(-1)).toBe('2196-02-29T00:00');
    expect(leapDays).toHaveLength(56);
    expect(leapDays).not.toContain('2100-02-29T00:00');
    expect(never).toEqual([]);
    expect(farYear).toEqual(['2199-04-29T00:00']);
  });

  it('returns nothing for a count of 0 and refuses bad arguments', () => {
    expect(fires('cron(0 10 * * ? *)', '2024-05-01T00:00:00Z', 0)).toEqual([]);
    const expression = cron('cron(0 10 * * ? *)');
    expect(() => nextFireTimes(expression, new Date('nope'), 1)).toThrow(new RangeError('from must be a valid Date'));
    expect(() => nextFireTimes(expression, new Date(), -1)).toThrow(new RangeError('count must be a non-negative integer, got -1'));
    expect(() => nextFireTimes(expression, new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('nextFireTimes rate()', () => {
  const rate = (text: string) => parseScheduleExpression(text);
  const iso = (dates: Date[]): string[] => dates.map((date) => date.toISOString());
  const anchor = new Date('2024-05-01T12:00:37.482Z');

  it('counts whole periods from the anchor, dropping its milliseconds', () => {
    expect(iso(nextFireTimes(rate('rate(5 minutes)'), anchor, 3, { anchor }))).toEqual([
      '2024-05-01T12:05:37.000Z',
      '2024-05-01T12:10:37.000Z',
      '2024-05-01T12:15:37.000Z',
    ]);
  });

  it('continues the anchored series from a later time, strictly after it', () => {
    const options = { anchor };
    expect(iso(nextFireTimes(rate('rate(5 minutes)'), new Date('2024-05-01T13:00:00Z'), 2, options))).toEqual([
      '2024-05-01T13:00:37.000Z',
      '2024-05-01T13:05:37.000Z',
    ]);
    expect(iso(nextFireTimes(rate('rate(5 minutes)'), new Date('2024-05-01T12:05:37Z'), 1, options))).toEqual([
      '2024-05-01T12:10:37.000Z',
    ]);
    expect(iso(nextFireTimes(rate('rate(1 hour)'), new Date('2024-05-01T00:00:00Z'), 1, options))).toEqual([
      '2024-05-01T13:00:37.000Z',
    ]);
  });

  it('starts counting at `from` when no anchor is given', () => {
    expect(iso(nextFireTimes(rate('rate(1 minute)'), new Date('2024-05-01T12:00:00.900Z'), 2))).toEqual([
      '2024-05-01T12:01:00.000Z',
      '2024-05-01T12:02:00.000Z',
    ]);
  });

  it('keeps fixed 24-hour days whatever time zone is given, across DST', () => {
    const start = new Date('2024-03-09T15:00:00Z');
    expect(iso(nextFireTimes(rate('rate(1 day)'), start, 2, { anchor: start, timezone: 'America/New_York' }))).toEqual([
      '2024-03-10T15:00:00.000Z',
      '2024-03-11T15:00:00.000Z',
    ]);
    expect(iso(nextFireTimes(rate('rate(2 days)'), start, 1, 'America/New_York'))).toEqual(['2024-03-11T15:00:00.000Z']);
  });
});

describe('matchesCron', () => {
  const daily = cron('cron(0 10 * * ? *)');

  it('matches anywhere in the firing minute and nowhere else', () => {
    expect(matchesCron(daily, new Date('2024-05-01T10:00:00.000Z'))).toBe(true);
    expect(matchesCron(daily, new Date('2024-05-01T10:00:59.999Z'))).toBe(true);
    expect(matchesCron(daily, new Date('2024-05-01T10:01:00.000Z'))).toBe(false);
    expect(matchesCron(daily, new Date('2024-05-01T09:59:59.999Z'))).toBe(false);
  });

  it('honours the year, L, W and # forms', () => {
    expect(matchesCron(cron('cron(15 10 ? * 6L 2019-2022)'), new Date('2022-10-28T10:15:00Z'))).toBe(true);
    expect(matchesCron(cron('cron(15 10 ? * 6L 2019-2022)'), new Date('2023-10-27T10:15:00Z'))).toBe(false);
    expect(matchesCron(cron('cron(0 9 15W * ? *)'), new Date('2024-06-14T09:00:00Z'))).toBe(true);
    expect(matchesCron(cron('cron(0 9 15W * ? *)'), new Date('2024-06-15T09:00:00Z'))).toBe(false);
    expect(matchesCron(cron('cron(0 12 ? * 3#2 *)'), new Date('2024-01-09T12:00:00Z'))).toBe(true);
    expect(matchesCron(cron('cron(0 12 ? * 3#2 *)'), new Date('2024-01-16T12:00:00Z'))).toBe(false);
  });

  it('reads 1 as Sunday, unlike Unix cron', () => {
    expect(matchesCron(cron('cron(0 12 ? * 1 *)'), new Date('2024-05-05T12:00:00Z'))).toBe(true);
    expect(matchesCron(cron('cron(0 12 ? * 1 *)'), new Date('2024-05-06T12:00:00Z'))).toBe(false);
  });

  it.each([
    ['cron(0/15 20-2 ? * MON-FRI *)', '2024-05-03T18:00:00Z', 3 * 24 * 60],
    ['cron(0 9 LW * ? 2024-2025)', '2024-05-01T00:00:00Z', 100 * 24 * 60],
    ['cron(*/7 * L-1 2 ? *)', '2024-02-27T00:00:00Z', 3 * 24 * 60],
  ])('agrees with nextFireTimes minute by minute for %s', (text, from, minutes) => {
    const expression = cron(text);
    const start = new Date(from).getTime();
    const scanned: string[] = [];
    for (let minute = 1; minute <= minutes; minute += 1) {
      const date = new Date(start + minute * 60_000);
      if (matchesCron(expression, date)) scanned.push(date.toISOString());
    }
    const listed = nextFireTimes(expression, new Date(from), scanned.length + 1).map((date) => date.toISOString());
    expect(scanned.length).toBeGreaterThan(0);
    expect(listed.slice(0, scanned.length)).toEqual(scanned);
    expect(new Date(listed.at(-1) ?? 0).getTime()).toBeGreaterThan(start + minutes * 60_000);
  });
});

describe('matchesSchedule', () => {
  const anchor = new Date('2024-05-01T12:00:37.482Z');
  const fiveMinutes = parseScheduleExpression('rate(5 minutes)');

  it('matches rate() to the second, whole periods after the anchor', () => {
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T12:05:37.000Z'), { anchor })).toBe(true);
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T12:05:37.999Z'), { anchor })).toBe(true);
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T13:00:37.010Z'), { anchor })).toBe(true);
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T12:05:38.000Z'), { anchor })).toBe(false);
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T12:06:37.000Z'), { anchor })).toBe(false);
    expect(matchesSchedule(fiveMinutes, anchor, { anchor })).toBe(false);
    expect(matchesSchedule(fiveMinutes, new Date('2024-05-01T11:55:37.000Z'), { anchor })).toBe(false);
  });

  it('delegates cron() to matchesCron with the time zone', () => {
    const expression = cron('cron(0 9 * * ? *)');
    expect(matchesSchedule(expression, new Date('2024-05-01T09:00:00Z'), {})).toBe(true);
    expect(matchesSchedule(expression, new Date('2024-05-01T00:00:00Z'), { timezone: 'Asia/Tokyo' })).toBe(true);
  });

  it('refuses rate() without an anchor', () => {
    expect(() => matchesSchedule(fiveMinutes, new Date(), {})).toThrow(
      new TypeError('rate(5 minutes): rate schedules need options.anchor, the time the schedule started'),
    );
  });
});
