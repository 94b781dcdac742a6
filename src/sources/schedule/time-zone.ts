/**
 * Instants to wall-clock minutes and back in an IANA zone, with Intl only (no tz database of our own).
 * `undefined` means UTC, which is what EventBridge rules use; zones are for EventBridge Scheduler-style use.
 */
import { MINUTE_MS, utcMsToWall, wallToUtcMs } from './calendar.js';
import type { WallTime } from './calendar.js';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws a RangeError naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    throw new RangeError(`unknown time zone '${timeZone}'; use an IANA name such as 'Europe/Paris'`);
  }
}

/** The wall-clock minute (seconds dropped) that `ms` shows in the zone. */
export function wallTimeAt(ms: number, timeZone: string | undefined): WallTime {
  if (timeZone === undefined) return utcMsToWall(ms);
  return utcMsToWall(zonedUtcMs(ms, timeZone));
}

/**
 * The first instant at which the zone's clock shows `wall`, or undefined when the clock skips it
 * (spring-forward gap). Taking the first of a repeated time (fall-back) is what EventBridge
 * Scheduler documents: "when the time shifts back ... your schedule runs only once".
 */
export function firstInstantOf(wall: WallTime, timeZone: string | undefined): number | undefined {
  const local = wallToUtcMs(wall);
  if (timeZone === undefined) return local;
  // A wall time maps to local minus one of the offsets in force around it; a day either side
  // brackets any DST transition, and no zone changes offset twice within two days.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  // The common case, no transition nearby: one offset, one instant (Intl calls are the cost here).
  if (before === after) return local - before;
  const candidates = [local - before, local - after].filter((instant) =>
    sameMinute(wallTimeAt(instant, timeZone), wall),
  );
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}

/** True when `ms` falls in the minute that starts at `first` (offsets with seconds exist before 1972). */
export function withinMinute(ms: number, first: number): boolean {
  return ms >= first && ms < first + MINUTE_MS;
}

function sameMinute(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** The zone's UTC offset at `ms`, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return zonedUtcMs(wholeSecond, timeZone) - wholeSecond;
}

/** The zone's wall clock at `ms` (to the second), written as if it were UTC. */
function zonedUtcMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const date = new Date(0);
  date.setUTCFullYear(parts['year'] ?? 0, (parts['month'] ?? 1) - 1, parts['day'] ?? 1);
  date.setUTCHours(parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0, 0);
  return date.getTime();
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    // h23 so midnight is 0, not 24; numeric parts so they convert with Number().
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
