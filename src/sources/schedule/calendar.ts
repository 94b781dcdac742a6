/**
 * Calendar arithmetic on wall-clock times (no time zones here): which days of a month a cron
 * expression allows, and the next matching wall-clock minute found by skipping whole fields,
 * so `cron(0 0 29 2 ? *)` costs one step per year, never one per minute.
 */
import type { CronExpression, DayOfMonthRule, DayOfWeekRule } from './types.js';

/** A minute on a wall clock; month is 1-12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export const MINUTE_MS = 60_000;

/** UTC milliseconds of a wall time read as UTC. setUTCFullYear keeps years 0-99 literal, unlike Date.UTC. */
export function wallToUtcMs(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, 0, 0);
  return date.getTime();
}

export function utcMsToWall(ms: number): WallTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

export function addMinute(wall: WallTime): WallTime {
  return utcMsToWall(wallToUtcMs(wall) + MINUTE_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(wallToUtcMs({ year, month: month + 1, day: 0, hour: 0, minute: 0 })).getUTCDate();
}

/** 0 = Sunday ... 6 = Saturday (JavaScript numbering; AWS's is this plus one). */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(wallToUtcMs({ year, month, day, hour: 0, minute: 0 })).getUTCDay();
}

/** The days of `month` on which the expression fires, ascending. One day field is always `?`. */
export function matchingDays(expression: CronExpression, year: number, month: number): number[] {
  const last = daysInMonth(year, month);
  if (expression.dayOfMonth.kind !== 'any') return dayOfMonthDays(expression.dayOfMonth, year, month, last);
  return dayOfWeekDays(expression.dayOfWeek, year, month, last);
}

function dayOfMonthDays(rule: DayOfMonthRule, year: number, month: number, last: number): number[] {
  switch (rule.kind) {
    case 'any':
      return range(1, last);
    case 'days':
      return rule.days.filter((day) => day <= last);
    case 'last':
      return last - rule.offset >= 1 ? [last - rule.offset] : [];
    case 'last-weekday':
      return [nearestWeekday(year, month, last, last)];
    case 'nearest-weekday':
      // Quartz: 31W does not fire in a 30-day month; it never borrows a day from the next month.
      return rule.day <= last ? [nearestWeekday(year, month, rule.day, last)] : [];
  }
}

/** The weekday nearest to `day` without leaving the month (Quartz `W`: 1W on a Saturday is Monday the 3rd). */
function nearestWeekday(year: number, month: number, day: number, last: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === last ? day - 2 : day + 1;
  return day;
}

function dayOfWeekDays(rule: DayOfWeekRule, year: number, month: number, last: number): number[] {
  const firstWeekday = weekdayOf(year, month, 1);
  // Day of the month of the first `awsDay` (1 = Sunday) in this month.
  const firstOf = (awsDay: number): number => 1 + ((awsDay - 1 - firstWeekday + 7) % 7);
  switch (rule.kind) {
    case 'any':
      return range(1, last);
    case 'days':
      return range(1, last).filter((day) => rule.days.includes(((firstWeekday + day - 1) % 7) + 1));
    case 'last': {
      const first = firstOf(rule.day);
      return [first + 7 * Math.floor((last - first) / 7)];
    }
    case 'nth': {
      const day = firstOf(rule.day) + 7 * (rule.nth - 1);
      return day <= last ? [day] : [];
    }
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** True when the wall-clock minute satisfies every field of the expression. */
export function wallMatches(expression: CronExpression, wall: WallTime): boolean {
  return (
    expression.years.includes(wall.year) &&
    expression.months.includes(wall.month) &&
    expression.hours.includes(wall.hour) &&
    expression.minutes.includes(wall.minute) &&
    matchingDays(expression, wall.year, wall.month).includes(wall.day)
  );
}

/**
 * The first wall-clock minute at or after `start` that the expression allows, or undefined when
 * there is none (the year field ends, or the days never exist, like `cron(0 0 30 2 ? *)`).
 * Each loop level only resumes mid-way for the start's own year, month, day and hour.
 */
export function nextMatchingWall(expression: CronExpression, start: WallTime): WallTime | undefined {
  for (const year of expression.years) {
    if (year < start.year) continue;
    const sameYear = year === start.year;
    for (const month of expression.months) {
      if (sameYear && month < start.month) continue;
      const sameMonth = sameYear && month === start.month;
      for (const day of matchingDays(expression, year, month)) {
        if (sameMonth && day < start.day) continue;
        const sameDay = sameMonth && day === start.day;
        for (const hour of expression.hours) {
          if (sameDay && hour < start.hour) continue;
          const floor = sameDay && hour === start.hour ? start.minute : 0;
          const minute = expression.minutes.find((value) => value >= floor);
          if (minute !== undefined) return { year, month, day, hour, minute };
        }
      }
    }
  }
  return undefined;
}
