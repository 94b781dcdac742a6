/**
 * When a schedule fires: the next N fire times, and whether it fires at a given moment (the
 * scheduler's filter for node-cron ticks). Pure functions of the expression and the clock values
 * passed in, so the scheduler and its tests supply their own clock.
 *
 * Time zones (cron only; absent = UTC, as EventBridge rules always are) follow EventBridge
 * Scheduler's documented DST behaviour: a wall time the clock skips in spring does not fire that
 * day, and a wall time the clock shows twice in autumn fires once, at its first occurrence.
 */
import { addMinute, nextMatchingWall, wallMatches } from './calendar.js';
import { assertTimeZone, firstInstantOf, wallTimeAt, withinMinute } from './time-zone.js';
import type { CronExpression, RateExpression, ScheduleExpression, ScheduleTimeOptions } from './types.js';

/**
 * The next `count` fire times strictly after `from`, ascending; fewer (or none) when the schedule
 * ends, e.g. a year field in the past. A string as the last argument is shorthand for `{ timezone }`.
 * rate() counts from `options.anchor` (default: `from`), so the first fire is one period after it.
 */
export function nextFireTimes(
  expression: ScheduleExpression,
  from: Date,
  count: number,
  options: string | ScheduleTimeOptions = {},
): Date[] {
  const { timezone, anchor } = typeof options === 'string' ? { timezone: options, anchor: undefined } : options;
  const fromMs = validTime(from, 'from');
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  if (expression.kind === 'rate') {
    return nextRateTimes(expression, fromMs, count, anchor === undefined ? fromMs : validTime(anchor, 'anchor'));
  }
  assertTimeZone(timezone);
  return nextCronTimes(expression, fromMs, count, timezone);
}

/** Whether the cron fires in the minute containing `date` (seconds are ignored). */
export function matchesCron(expression: CronExpression, date: Date, timezone?: string): boolean {
  const ms = validTime(date, 'date');
  assertTimeZone(timezone);
  const wall = wallTimeAt(ms, timezone);
  if (!wallMatches(expression, wall)) return false;
  // In a repeated autumn hour only the first pass fires.
  const first = firstInstantOf(wall, timezone);
  return first !== undefined && withinMinute(ms, first);
}

/**
 * Whether the schedule fires at `date`: cron to the minute (matchesCron), rate to the second,
 * counted from `options.anchor`, which rate() requires. Matches what toNodeCronPattern ticks.
 */
export function matchesSchedule(expression: ScheduleExpression, date: Date, options: ScheduleTimeOptions): boolean {
  if (expression.kind === 'cron') return matchesCron(expression, date, options.timezone);
  const anchor = requireAnchor(expression, options.anchor);
  const elapsed = wholeSecond(validTime(date, 'date')) - wholeSecond(validTime(anchor, 'anchor'));
  return elapsed > 0 && elapsed % expression.periodMs === 0;
}

/** rate() counts from the time its schedule started: the anchor, refused when absent. */
export function requireAnchor(expression: RateExpression, anchor: Date | undefined): Date {
  if (anchor === undefined) {
    throw new TypeError(`${expression.text}: rate schedules need options.anchor, the time the schedule started`);
  }
  return anchor;
}

function nextRateTimes(expression: RateExpression, fromMs: number, count: number, anchorMs: number): Date[] {
  // AWS fires in the scheduled minute at best, and event times carry no milliseconds: count whole seconds.
  const start = wholeSecond(anchorMs);
  const period = expression.periodMs;
  const firstIndex = Math.max(1, Math.floor((fromMs - start) / period) + 1);
  const times: Date[] = [];
  for (let index = firstIndex; times.length < count; index += 1) {
    const ms = start + index * period;
    if (ms > MAX_DATE_MS) break;
    times.push(new Date(ms));
  }
  return times;
}

function nextCronTimes(expression: CronExpression, fromMs: number, count: number, timezone?: string): Date[] {
  const times: Date[] = [];
  let last = fromMs;
  let cursor = addMinute(wallTimeAt(fromMs, timezone));
  while (times.length < count) {
    const wall = nextMatchingWall(expression, cursor);
    if (wall === undefined) break;
    const instant = firstInstantOf(wall, timezone);
    // Skipped by a spring-forward gap, or (just after a fall-back) already in the past.
    if (instant !== undefined && instant > last) {
      times.push(new Date(instant));
      last = instant;
    }
    cursor = addMinute(wall);
  }
  return times;
}

// The largest time a Date can hold (ECMAScript: 8.64e15 ms after the epoch).
const MAX_DATE_MS = 8.64e15;

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function validTime(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}
