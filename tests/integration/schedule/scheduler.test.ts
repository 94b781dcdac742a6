import { readFileSync } from 'node:fs';
import { getTasks } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { LambkinConfig } from '../../../src/config/types.js';
import { InvokeError } from '../../../src/errors.js';
import { MemoryLogger } from '../../../src/log.js';
import { ScheduleSource, type ScheduleSourceDeps } from '../../../src/sources/schedule/scheduler.js';
import { configOf } from '../../support/config-of.js';
import { shapeDifferences } from '../../support/shape.js';

const sample = JSON.parse(readFileSync(new URL('../../../events/scheduled.json', import.meta.url), 'utf8')) as Record<string, unknown>;

interface Sent {
  functionName: string;
  event: Record<string, unknown>;
}

/** A started source whose enqueue records what it is given; stopped when the test ends. */
async function started(config: LambkinConfig, extra: Partial<ScheduleSourceDeps> = {}) {
  const sent: Sent[] = [];
  const logger = new MemoryLogger();
  const source = new ScheduleSource(config, {
    logger,
    enqueue: async (functionName, event) => {
      sent.push({ functionName, event: event as Record<string, unknown> });
      return `id-${sent.length}`;
    },
    ...extra,
  });
  await source.start();
  onTestFinished(() => source.stop());
  return { source, sent, logger, times: () => sent.map((s) => s.event['time']) };
}

const START = new Date('2024-05-01T11:58:30.250Z');
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ScheduleSource ticking through node-cron', () => {
  it('enqueues the Scheduled Event at the cron fire time, shaped like events/scheduled.json', async () => {
    const { sent } = await started(configOf({ report: [{ schedule: { expression: 'cron(0 12 * * ? *)', name: 'noon-report' } }] }));
    await vi.advanceTimersByTimeAsync(89_000); // 11:59:59.250
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
    const { functionName, event } = sent[0]!;
    expect(functionName).toBe('report');
    expect(Object.keys(event)).toEqual(Object.keys(sample));
    expect(shapeDifferences(sample, event)).toEqual([]);
    expect(event).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      region: 'eu-west-1',
      time: '2024-05-01T12:00:00Z',
      resources: ['arn:aws:events:eu-west-1:123456789012:rule/noon-report'],
      detail: {},
    });
  });

  it('sends the configured constant input instead of the Scheduled Event', async () => {
    const input = { report: 'daily', depth: { n: 1 } };
    const { sent } = await started(configOf({ report: [{ schedule: { expression: 'cron(0/15 * * * ? *)', input } }] }));
    await vi.advanceTimersByTimeAsync(17 * MINUTE);
    expect(sent.map((s) => s.event)).toEqual([input, input]);
    expect(sent[0]!.event).not.toBe(input);
  });

  it('names the rule <function>-schedule-<n> when the schedule has no name', async () => {
    const { sent } = await started(configOf({ tick: [{ http: 'GET /t' }, { schedule: 'cron(0 13 * * ? *)' }, { schedule: 'cron(0 12 * * ? *)' }] }));
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(sent.map((s) => s.event['resources'])).toEqual([['arn:aws:events:eu-west-1:123456789012:rule/tick-schedule-2']]);
  });

  it('counts rate() from the time the source started, not from the clock hour', async () => {
    const { times } = await started(configOf({ poll: [{ schedule: 'rate(2 minutes)' }] }));
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(times()).toEqual(['2024-05-01T12:00:30Z', '2024-05-01T12:02:30Z']);
  });

  it('keeps only the ticks that lambkin matcher accepts (L, #, year)', async () => {
    const { times } = await started(configOf({
      last: [{ schedule: 'cron(0 12 L * ? *)' }],
      second: [{ schedule: 'cron(0 12 ? * TUE#2 *)' }],
      later: [{ schedule: 'cron(0 12 * * ? 2025)' }],
    }));
    await vi.advanceTimersByTimeAsync(31 * 24 * 60 * MINUTE);
    expect(times()).toEqual(['2024-05-14T12:00:00Z', '2024-05-31T12:00:00Z']);
  });

  it('reads cron fields in the schedule time zone', async () => {
    const { times } = await started(configOf({ paris: [{ schedule: { expression: 'cron(0 9 * * ? *)', timezone: 'Europe/Paris' } }] }));
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(times()).toEqual(['2024-05-02T07:00:00Z']);
  });

  it('does not tick a disabled schedule', async () => {
    const { source, sent } = await started(configOf({ off: [{ schedule: { expression: 'rate(1 minute)', enabled: false } }] }));
    expect(source.taskCount).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(sent).toEqual([]);
  });

  it('logs a failed enqueue and keeps ticking', async () => {
    let calls = 0;
    const { logger } = await started(configOf({ poll: [{ schedule: 'rate(1 minute)' }] }), {
      enqueue: async () => {
        calls += 1;
        if (calls === 1) throw new InvokeError('FUNCTION_NOT_FOUND', 'Function not found: poll');
        return 'ok';
      },
    });
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(calls).toBe(2);
    expect(logger.lines).toContain('error: schedule poll-schedule-1: could not queue the event for poll: Function not found: poll');
  });

  it('creates no node-cron task when told not to tick', async () => {
    const { source } = await started(configOf({ poll: [{ schedule: 'rate(1 minute)' }] }), { tick: false });
    expect(source.taskCount).toBe(0);
    expect(getTasks().size).toBe(0);
  });
});

describe('ScheduleSource update and stop', () => {
  it('re-schedules on update: the old expression stops firing, the new one fires', async () => {
    const { source, times, sent } = await started(configOf({ a: [{ schedule: 'cron(0 12 * * ? *)' }], b: [{ schedule: 'cron(5 12 * * ? *)' }] }));
    expect(getTasks().size).toBe(2);
    await source.update(configOf({ a: [{ schedule: 'cron(30 12 * * ? *)' }], c: [{ schedule: 'rate(1 hour)' }] }));
    expect(source.taskCount).toBe(2);
    expect(getTasks().size).toBe(2);
    await vi.advanceTimersByTimeAsync(62 * MINUTE);
    expect(sent.map((s) => s.functionName)).toEqual(['a', 'c']);
    // rate() keeps counting from the start of lambkin, not from the update.
    expect(times()).toEqual(['2024-05-01T12:30:00Z', '2024-05-01T12:58:30Z']);
  });

  it('does not start ticking on update before start', async () => {
    const source = new ScheduleSource(configOf({}), { logger: new MemoryLogger(), enqueue: async () => 'x' });
    await source.update(configOf({ a: [{ schedule: 'rate(1 minute)' }] }));
    expect(source.taskCount).toBe(0);
    expect(getTasks().size).toBe(0);
  });

  it('stops idempotently and destroys every node-cron task', async () => {
    const { source, sent } = await started(configOf({ a: [{ schedule: 'rate(1 minute)' }], b: [{ schedule: 'cron(* * * * ? *)' }] }));
    expect(getTasks().size).toBe(2);
    await source.stop();
    await source.stop();
    expect(getTasks().size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(sent).toEqual([]);
  });
});

describe('ScheduleSource.fire and upcoming', () => {
  const config = configOf({
    report: [{ schedule: { expression: 'cron(0 2 * * ? *)', name: 'nightly' } }, { schedule: { expression: 'rate(5 minutes)', enabled: false, input: { x: 1 } } }],
    web: [{ http: 'GET /' }],
  });

  it('fires every schedule of the function now, disabled ones too, and returns the queued ids', async () => {
    const { source, sent } = await started(config);
    expect(await source.fire('report')).toEqual(['id-1', 'id-2']);
    expect(sent[0]!.event).toMatchObject({ time: '2024-05-01T11:58:30Z', resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly'] });
    expect(sent[1]!.event).toEqual({ x: 1 });
  });

  it('refuses a function without a schedule, naming the ones that have one', async () => {
    const { source } = await started(config);
    await expect(source.fire('web')).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND', message: 'web has no schedule to fire (functions with schedules: report)' });
    await expect(source.fire('nope')).rejects.toThrow(InvokeError);
  });

  it('lists the next fire times of each schedule, none for a disabled one', async () => {
    const { source } = await started(configOf({ report: [{ schedule: 'cron(0 2 * * ? *)' }], poll: [{ schedule: 'rate(1 hour)' }, { schedule: { expression: 'rate(1 day)', enabled: false } }] }));
    vi.advanceTimersByTime(10 * MINUTE);
    const upcoming = source.upcoming(new Date(), 2).map((u) => [u.schedule.ruleName, u.next.map((d) => d.toISOString())]);
    expect(upcoming).toEqual([
      ['report-schedule-1', ['2024-05-02T02:00:00.000Z', '2024-05-03T02:00:00.000Z']],
      ['poll-schedule-1', ['2024-05-01T12:58:30.000Z', '2024-05-01T13:58:30.000Z']],
      ['poll-schedule-2', []],
    ]);
  });
});
