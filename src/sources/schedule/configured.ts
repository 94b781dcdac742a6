/**
 * The schedules a configuration declares, read once into plain values (parsed expression, rule
 * name, zone, constant input), and their upcoming fire times. Pure: the scheduler, `lambkin list`
 * and the dev banner all read schedules through here, so they agree on names and times.
 */
import type { LambkinConfig } from '../../config/types.js';
import { parseScheduleExpression } from './expression.js';
import { nextFireTimes } from './next-fire.js';
import type { ScheduleExpression } from './types.js';

export interface ConfiguredSchedule {
  functionName: string;
  /** Position in the function's `events` array: `functions.<name>.events[<eventIndex>]`. */
  eventIndex: number;
  /** The rule name in the event's `resources` ARN: the schedule's `name`, or `<function>-schedule-<n>`. */
  ruleName: string;
  expression: ScheduleExpression;
  /** IANA zone for cron(); undefined means UTC. */
  timezone: string | undefined;
  enabled: boolean;
  /** The configured constant `input`, sent instead of the Scheduled Event; absent when none. */
  constantInput: { readonly value: unknown } | undefined;
}

export interface UpcomingFires {
  schedule: ConfiguredSchedule;
  /** Ascending; empty for a disabled schedule or one that has ended (a year field in the past). */
  next: Date[];
}

/** Every schedule event of every function, in config order. The config is validated, so parsing succeeds. */
export function configuredSchedules(config: LambkinConfig): ConfiguredSchedule[] {
  const schedules: ConfiguredSchedule[] = [];
  for (const fn of config.functions.values()) {
    let n = 0;
    fn.events.forEach((event, eventIndex) => {
      if (!('schedule' in event)) return;
      n += 1;
      const s = typeof event.schedule === 'string' ? { expression: event.schedule } : event.schedule;
      schedules.push({
        functionName: fn.name,
        eventIndex,
        ruleName: ('name' in s ? s.name : undefined) ?? `${fn.name}-schedule-${n}`,
        expression: parseScheduleExpression(s.expression),
        timezone: 'timezone' in s ? s.timezone : undefined,
        enabled: !('enabled' in s) || s.enabled !== false,
        constantInput: 'input' in s && s.input !== undefined ? { value: s.input } : undefined,
      });
    });
  }
  return schedules;
}

/**
 * The next `count` fire times after `now` of each schedule. rate() counts from `anchor`, the time
 * the schedules started ticking (AWS: when the rule was created).
 */
export function upcomingFireTimes(schedules: readonly ConfiguredSchedule[], now: Date, count: number, anchor: Date): UpcomingFires[] {
  return schedules.map((schedule) => ({
    schedule,
    next: schedule.enabled ? nextFireTimes(schedule.expression, now, count, { timezone: schedule.timezone, anchor }) : [],
  }));
}
