/**
 * The schedule source: one node-cron task per enabled schedule. node-cron ticks at least whenever
 * the AWS expression fires; lambkin's own matcher keeps only the real fire times (node-cron cannot
 * say L, W, #, year, or count rate() from a start time). Each firing enqueues the EventBridge
 * Scheduled Event, or the constant input, as an asynchronous invocation (EventBridge invokes async).
 */
import { createTask, type ScheduledTask, type TaskContext, type TaskOptions } from 'node-cron';
import type { LambkinConfig } from '../../config/types.js';
import { InvokeError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { EventSource } from '../source.js';
import { configuredSchedules, upcomingFireTimes, type ConfiguredSchedule, type UpcomingFires } from './configured.js';
import { matchesSchedule } from './next-fire.js';
import { toNodeCronPattern } from './node-cron-pattern.js';
import { toEventTime, toScheduledEvent } from './to-event.js';

export interface ScheduleSourceDeps {
  /** Accepts an asynchronous invocation (durably); resolves with its id. */
  enqueue(functionName: string, event: unknown): Promise<string>;
  logger: Logger;
  /** False: no ticking, only `fire()` and `upcoming()` (`lambkin invoke`, whose schedules belong to a running `dev`). */
  tick?: boolean;
}

export class ScheduleSource implements EventSource {
  readonly kind = 'schedule' as const;
  readonly #deps: ScheduleSourceDeps;
  #schedules: ConfiguredSchedule[];
  #account: Account;
  #tasks: ScheduledTask[] = [];
  #anchor: Date | undefined;
  #running = false;

  constructor(config: LambkinConfig, deps: ScheduleSourceDeps) {
    this.#deps = deps;
    this.#schedules = configuredSchedules(config);
    this.#account = { region: config.region, accountId: config.accountId };
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    // rate() counts from when the schedule started, as AWS counts from when the rule was created.
    this.#anchor ??= new Date();
    this.#startTasks();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#destroyTasks();
  }

  /** Re-schedules after a config change: the old tasks end, new ones start; rate() keeps its anchor. */
  async update(config: LambkinConfig): Promise<void> {
    // Parse first: a config that cannot be read leaves the running schedules as they are.
    const next = configuredSchedules(config);
    this.#destroyTasks();
    this.#schedules = next;
    this.#account = { region: config.region, accountId: config.accountId };
    if (this.#running) this.#startTasks();
  }

  /** Fires each of the function's schedules now, disabled ones too; resolves with the queued event ids. */
  async fire(functionName: string): Promise<string[]> {
    const schedules = this.#schedules.filter((s) => s.functionName === functionName);
    if (schedules.length === 0) {
      const withSchedules = [...new Set(this.#schedules.map((s) => s.functionName))].join(', ') || 'none';
      throw new InvokeError('FUNCTION_NOT_FOUND', `${functionName} has no schedule to fire (functions with schedules: ${withSchedules})`);
    }
    const now = new Date();
    const ids: string[] = [];
    for (const schedule of schedules) ids.push(await this.#deps.enqueue(functionName, eventFor(schedule, now, this.#account)));
    return ids;
  }

  /** The next `count` fire times of every schedule after `now` (disabled ones with none). */
  upcoming(now: Date, count: number): UpcomingFires[] {
    return upcomingFireTimes(this.#schedules, now, count, this.#anchor ?? now);
  }

  /** How many node-cron tasks are live (for tests and diagnostics). */
  get taskCount(): number {
    return this.#tasks.length;
  }

  #startTasks(): void {
    if (this.#deps.tick === false) return;
    this.#tasks = this.#schedules.filter((s) => s.enabled).map((s) => this.#createTask(s));
  }

  #createTask(schedule: ConfiguredSchedule): ScheduledTask {
    const anchor = this.#anchor;
    const timezone = schedule.timezone ?? 'UTC';
    const task = createTask(toNodeCronPattern(schedule.expression, { anchor }), (context) => this.#onTick(schedule, context), {
      timezone,
      name: `lambkin:${schedule.ruleName}`,
      // Missed ticks (a busy event loop, a sleeping laptop) are reported below, only the real fire times.
      suppressMissedWarning: true,
      // EventBridge fires somewhere within the scheduled minute, so a tick delayed by a busy event
      // loop (a rebuild, a cold start) still fires, up to 50 s late; node-cron's default is 1 s.
      missedExecutionTolerance: 50_000,
      logger: nodeCronLogger(this.#deps.logger, schedule.ruleName),
    });
    task.on('execution:missed', (context) => {
      if (matchesSchedule(schedule.expression, context.date, { timezone: schedule.timezone, anchor })) {
        this.#deps.logger.warn(`schedule ${schedule.ruleName}: missed the fire time ${toEventTime(context.date)} (lambkin was busy or the machine slept)`);
      }
    });
    settle(task.start(), (err) => this.#deps.logger.error(`schedule ${schedule.ruleName}: could not start: ${String(err)}`));
    return task;
  }

  async #onTick(schedule: ConfiguredSchedule, context: TaskContext): Promise<void> {
    // context.date is the tick's planned second, so the event carries the scheduled time, not when we ran.
    if (!matchesSchedule(schedule.expression, context.date, { timezone: schedule.timezone, anchor: this.#anchor })) return;
    try {
      await this.#deps.enqueue(schedule.functionName, eventFor(schedule, context.date, this.#account));
    } catch (err) {
      this.#deps.logger.error(`schedule ${schedule.ruleName}: could not queue the event for ${schedule.functionName}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #destroyTasks(): void {
    for (const task of this.#tasks.splice(0)) {
      settle(task.destroy(), (err) => this.#deps.logger.error(`schedule ${task.name ?? task.id}: could not stop: ${String(err)}`));
    }
  }
}

interface Account {
  region: string;
  accountId: string;
}

/** What a firing sends: the constant input when configured, else the Scheduled Event for that time. */
function eventFor(schedule: ConfiguredSchedule, time: Date, account: Account): unknown {
  if (schedule.constantInput) return structuredClone(schedule.constantInput.value);
  return toScheduledEvent({ time, region: account.region, accountId: account.accountId, ruleName: schedule.ruleName });
}

/** node-cron's task API may return promises (its background tasks do); never let one float. */
function settle(result: unknown, onError: (err: unknown) => void): void {
  if (result instanceof Promise) result.catch(onError);
}

/** node-cron's own complaints go to lambkin's logger, named by rule; its info and debug chatter does not. */
function nodeCronLogger(logger: Logger, ruleName: string): NonNullable<TaskOptions['logger']> {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: () => {},
    debug: () => {},
    warn: (m) => logger.warn(`schedule ${ruleName}: ${m}`),
    error: (m, err) => logger.error(`schedule ${ruleName}: ${text(m)}${err ? `: ${err.message}` : ''}`),
  };
}
