/**
 * The parsed shape of an EventBridge schedule expression. Parsing (expression.ts) produces it;
 * next-fire.ts, node-cron-pattern.ts and the scheduler read it. Values are plain sorted arrays
 * so a parsed expression can be logged, compared in tests and passed to a worker unchanged.
 */

export type RateUnit = 'minute' | 'hour' | 'day';

/** `rate(value unit)`: fires every `periodMs` after the schedule starts counting. */
export interface RateExpression {
  readonly kind: 'rate';
  /** The expression exactly as written, e.g. `rate(5 minutes)`. */
  readonly text: string;
  readonly value: number;
  readonly unit: RateUnit;
  readonly periodMs: number;
}

/** Day-of-month: `?`, a set of days (`*`, lists, ranges, steps), `L`/`L-n`, `LW` or `nW`. */
export type DayOfMonthRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: readonly number[] }
  /** `L` (offset 0) or `L-n`: the last day of the month minus `offset` days. */
  | { readonly kind: 'last'; readonly offset: number }
  /** `LW`: the last weekday (Monday-Friday) of the month. */
  | { readonly kind: 'last-weekday' }
  /** `15W`: the weekday nearest to `day`, never crossing into another month. */
  | { readonly kind: 'nearest-weekday'; readonly day: number };

/**
 * Day-of-week in AWS numbering: 1 = Sunday ... 7 = Saturday (Unix cron uses 0 = Sunday).
 * `?`, a set of days, `6L` (last Friday of the month) or `3#2` (second Tuesday).
 */
export type DayOfWeekRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'days'; readonly days: readonly number[] }
  | { readonly kind: 'last'; readonly day: number }
  | { readonly kind: 'nth'; readonly day: number; readonly nth: number };

/** `cron(minutes hours day-of-month month day-of-week year)`, every list sorted ascending. */
export interface CronExpression {
  readonly kind: 'cron';
  readonly text: string;
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly dayOfMonth: DayOfMonthRule;
  /** 1 = January. */
  readonly months: readonly number[];
  readonly dayOfWeek: DayOfWeekRule;
  /** 1970-2199: `*` expands to all of them, so a schedule ends after 2199 as it does on AWS. */
  readonly years: readonly number[];
}

export type ScheduleExpression = RateExpression | CronExpression;

/** How to read an expression against the clock. Both are optional so callers can pass config through. */
export interface ScheduleTimeOptions {
  /**
   * IANA zone in which cron fields are read (EventBridge Scheduler style). Absent means UTC,
   * which is what EventBridge rules always use. Ignored by rate(), whose periods are fixed durations.
   */
  readonly timezone?: string | undefined;
  /**
   * When a rate() schedule started counting (AWS: when the rule was created; lambkin: when the
   * schedule was started). Truncated to whole seconds. Ignored by cron().
   */
  readonly anchor?: Date | undefined;
}
