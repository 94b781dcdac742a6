import { describe, expect, it } from 'vitest';
import {
  addMinute,
  daysInMonth,
  matchingDays,
  nextMatchingWall,
  wallMatches,
  weekdayOf,
} from '../../../../src/sources/schedule/calendar.js';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import type { CronExpression } from '../../../../src/sources/schedule/types.js';

function cron(text: string): CronExpression {
  const parsed = parseScheduleExpression(text);
  if (parsed.kind !== 'cron') throw new Error(`expected a cron expression from ${text}`);
  return parsed;
}

/** Days in `month` for a day-of-month (`?` in day-of-week) field. */
const dom = (field: string, year: number, month: number): number[] =>
  matchingDays(cron(`cron(0 0 ${field} * ? *)`), year, month);
/** Days in `month` for a day-of-week (`?` in day-of-month) field. */
const dow = (field: string, year: number, month: number): number[] =>
  matchingDays(cron(`cron(0 0 ? * ${field} *)`), year, month);

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2000, 2, 29],
    [2100, 2, 28],
    [2024, 1, 31],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('gives %i-%i %i days, leap years included', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('weekdayOf', () => {
  it('numbers days the JavaScript way, 0 = Sunday', () => {
    expect(weekdayOf(2024, 5, 5)).toBe(0);
    expect(weekdayOf(2024, 5, 4)).toBe(6);
  });
});

describe('matchingDays', () => {
  it.each([
    ['L', 2024, 2, [29]],
    ['L', 2023, 2, [28]],
    ['L', 2024, 4, [30]],
    ['L-2', 2024, 2, [27]],
    ['L-30', 2024, 1, [1]],
    ['L-30', 2024, 2, []],
    // LW: the last weekday; a month ending on Sunday steps back to Friday.
    ['LW', 2024, 6, [28]],
    ['LW', 2024, 8, [30]],
    ['LW', 2024, 10, [31]],
    // nW: a Saturday moves to Friday and a Sunday to Monday, never across the month.
    ['15W', 2024, 6, [14]],
    ['15W', 2024, 9, [16]],
    ['15W', 2024, 5, [15]],
    ['1W', 2024, 6, [3]],
    ['1W', 2024, 9, [2]],
    ['31W', 2024, 3, [29]],
    ['31W', 2025, 5, [30]],
    ['31W', 2024, 4, []],
    ['30W', 2024, 2, []],
    ['29', 2023, 2, []],
    ['29', 2024, 2, [29]],
    ['29-2', 2023, 2, [1, 2]],
    ['1,15,31', 2024, 4, [1, 15]],
  ])('day-of-month %s in %i-%i is %j', (field, year, month, days) => {
    expect(dom(field, year, month)).toEqual(days);
  });

  it.each([
    // May 2024 starts on a Wednesday.
    ['1', 2024, 5, [5, 12, 19, 26]],
    ['SUN', 2024, 5, [5, 12, 19, 26]],
    ['7', 2024, 5, [4, 11, 18, 25]],
    ['L', 2024, 5, [4, 11, 18, 25]],
    ['2', 2024, 5, [6, 13, 20, 27]],
    ['SAT,SUN', 2024, 6, [1, 2, 8, 9, 15, 16, 22, 23, 29, 30]],
    ['6L', 2024, 5, [31]],
    ['6L', 2022, 10, [28]],
    ['1L', 2024, 6, [30]],
    ['SUNL', 2026, 2, [22]],
    ['3#2', 2024, 1, [9]],
    ['TUE#2', 2024, 1, [9]],
    ['MON#1', 2024, 4, [1]],
    ['2#5', 2024, 1, [29]],
    ['2#5', 2024, 2, []],
    ['5#5', 2024, 2, [29]],
    ['1#5', 2021, 2, []],
    ['1#1', 2026, 2, [1]],
    ['1#4', 2026, 2, [22]],
  ])('day-of-week %s in %i-%i is %j (AWS 1 = Sunday)', (field, year, month, days) => {
    expect(dow(field, year, month)).toEqual(days);
  });
});

describe('wallMatches', () => {
  it('checks every field, the year included', () => {
    const expression = cron('cron(15 10 ? * 6L 2019-2022)');
    expect(wallMatches(expression, { year: 2022, month: 10, day: 28, hour: 10, minute: 15 })).toBe(true);
    expect(wallMatches(expression, { year: 2023, month: 10, day: 27, hour: 10, minute: 15 })).toBe(false);
    expect(wallMatches(expression, { year: 2022, month: 10, day: 21, hour: 10, minute: 15 })).toBe(false);
    expect(wallMatches(expression, { year: 2022, month: 10, day: 28, hour: 10, minute: 16 })).toBe(false);
  });
});

describe('nextMatchingWall', () => {
  it('returns the start itself when it matches', () => {
    const start = { year: 2024, month: 5, day: 1, hour: 10, minute: 0 };
    expect(nextMatchingWall(cron('cron(0 10 * * ? *)'), start)).toEqual(start);
  });

  it('skips to the next leap day by whole years', () => {
    const start = { year: 2024, month: 3, day: 1, hour: 0, minute: 0 };
    expect(nextMatchingWall(cron('cron(0 0 29 2 ? *)'), start)).toEqual({ ...start, year: 2028, month: 2, day: 29 });
  });

  it('returns undefined when the days never exist or the years are over', () => {
    const start = { year: 2024, month: 1, day: 1, hour: 0, minute: 0 };
    expect(nextMatchingWall(cron('cron(0 0 30 2 ? *)'), start)).toBeUndefined();
    expect(nextMatchingWall(cron('cron(0 0 * * ? 2023)'), start)).toBeUndefined();
    expect(nextMatchingWall(cron('cron(0 0 * * ? *)'), { ...start, year: 2200 })).toBeUndefined();
  });

  it('starts at 1970 when the start is before the first year', () => {
    const start = { year: 1900, month: 6, day: 15, hour: 12, minute: 30 };
    expect(nextMatchingWall(cron('cron(0 0 1 1 ? *)'), start)).toEqual({ year: 1970, month: 1, day: 1, hour: 0, minute: 0 });
  });
});

describe('addMinute', () => {
  it('rolls over the end of a leap-year February', () => {
    expect(addMinute({ year: 2024, month: 2, day: 29, hour: 23, minute: 59 })).toEqual({
      year: 2024,
      month: 3,
      day: 1,
      hour: 0,
      minute: 0,
    });
  });
});
