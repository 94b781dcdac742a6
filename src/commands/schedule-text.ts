/** How `lambkin list` and the dev banner show when each schedule fires next. */
import type { UpcomingFires } from '../sources/schedule/configured.js';
import { toEventTime } from '../sources/schedule/to-event.js';

/** The key of a schedule event in the notes: its function and position in `events`. */
export function scheduleKey(functionName: string, eventIndex: number): string {
  return `${functionName}#${eventIndex}`;
}

/**
 * One note per schedule: `next 2024-05-02T02:00:00Z`. `started` says whether rate() schedules have
 * begun counting; before `lambkin dev` runs, their first fire is one period after it starts.
 */
export function nextFireNotes(upcoming: readonly UpcomingFires[], started: boolean): Map<string, string> {
  return new Map(upcoming.map((u) => [scheduleKey(u.schedule.functionName, u.schedule.eventIndex), nextFireNote(u, started)]));
}

function nextFireNote({ schedule, next }: UpcomingFires, started: boolean): string {
  if (!schedule.enabled) return 'disabled (`lambkin fire` only)';
  const { expression } = schedule;
  if (expression.kind === 'rate' && !started) {
    return `first ${expression.value} ${expression.unit}${expression.value === 1 ? '' : 's'} after \`lambkin dev\` starts`;
  }
  const first = next[0];
  if (first === undefined) return 'no fire time ahead';
  return `next ${toEventTime(first)}${schedule.timezone === undefined ? '' : ` (cron read in ${schedule.timezone})`}`;
}
