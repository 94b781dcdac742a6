/**
 * A node-cron 4 pattern that ticks at least whenever the AWS expression fires. node-cron cannot
 * say "year", reads day-of-week the Unix way and ANDs the two day fields, so what it cannot say
 * exactly becomes `*`; the scheduler then keeps only the ticks for which matchesSchedule is true.
 */
import { requireAnchor } from './next-fire.js';
import type { CronExpression, ScheduleExpression } from './types.js';

/**
 * For cron(): a 5-field pattern (node-cron's second defaults to 0) read in node-cron's `timezone`
 * option, which must be the zone given to matchesCron, or 'UTC' when none (node-cron's own default
 * is the host's zone, and AWS rules are UTC).
 * For rate(): a 6-field pattern ticking every minute at the anchor's second; rate needs the anchor.
 */
export function toNodeCronPattern(
  expression: ScheduleExpression,
  options: { readonly anchor?: Date | undefined } = {},
): string {
  if (expression.kind === 'cron') return cronPattern(expression);
  // An invalid Date is refused like a missing one.
  const anchor = requireAnchor(expression, Number.isNaN(options.anchor?.getTime()) ? undefined : options.anchor);
  // Every minute, not every period: periods are counted from the anchor, which no clock field
  // expresses (rate(7 minutes) crosses hour boundaries), and a tick a minute costs nothing.
  return `${anchor.getUTCSeconds()} * * * * *`;
}

function cronPattern(expression: CronExpression): string {
  const { dayOfMonth, dayOfWeek } = expression;
  const days = dayOfMonth.kind === 'days' ? list(dayOfMonth.days, 1, 31) : '*';
  // AWS 1 = Sunday; node-cron (Unix) 0 = Sunday.
  const weekdays = dayOfWeek.kind === 'days' ? list(dayOfWeek.days.map((day) => day - 1), 0, 6) : '*';
  const minutes = list(expression.minutes, 0, 59);
  const hours = list(expression.hours, 0, 23);
  return `${minutes} ${hours} ${days} ${list(expression.months, 1, 12)} ${weekdays}`;
}

/** Sorted values as `*` when complete, else a comma list with runs of three or more as ranges. */
function list(values: readonly number[], min: number, max: number): string {
  if (values.length === max - min + 1) return '*';
  const parts: string[] = [];
  let start = 0;
  while (start < values.length) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === (values[end] ?? 0) + 1) end += 1;
    parts.push(end - start >= 2 ? `${values[start]}-${values[end]}` : values.slice(start, end + 1).join(','));
    start = end + 1;
  }
  return parts.join(',');
}
