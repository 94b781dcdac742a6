import { describe, expect, it } from 'vitest';
import { configuredSchedules, upcomingFireTimes } from '../../../../src/sources/schedule/configured.js';
import { configOf } from '../../../support/config-of.js';

const config = configOf({
  api: [{ http: 'GET /' }],
  report: [
    { http: 'GET /report' },
    { schedule: 'rate(5 minutes)' },
    { schedule: { expression: 'cron(0 9 ? * MON *)', name: 'monday-morning', timezone: 'Europe/Paris', input: { week: true } } },
    { schedule: { expression: 'cron(0 12 * * ? *)', enabled: false, input: null } },
  ],
});

describe('configuredSchedules', () => {
  const schedules = configuredSchedules(config);

  it('reads every schedule event in config order, with its position in events', () => {
    expect(schedules.map((s) => [s.functionName, s.eventIndex, s.expression.text])).toEqual([
      ['report', 1, 'rate(5 minutes)'],
      ['report', 2, 'cron(0 9 ? * MON *)'],
      ['report', 3, 'cron(0 12 * * ? *)'],
    ]);
  });

  it('names a rule by its name, else <function>-schedule-<n> counting schedules only', () => {
    expect(schedules.map((s) => s.ruleName)).toEqual(['report-schedule-1', 'monday-morning', 'report-schedule-3']);
  });

  it('keeps the zone, the enabled flag and a constant input (null is an input)', () => {
    expect(schedules.map((s) => [s.timezone, s.enabled, s.constantInput])).toEqual([
      [undefined, true, undefined],
      ['Europe/Paris', true, { value: { week: true } }],
      [undefined, false, { value: null }],
    ]);
  });
});

describe('upcomingFireTimes', () => {
  it('counts rate() from the anchor, reads cron in its zone, and gives a disabled schedule none', () => {
    const now = new Date('2024-05-01T12:00:00Z'); // a Wednesday
    const anchor = new Date('2024-05-01T11:58:00Z');
    const times = upcomingFireTimes(configuredSchedules(config), now, 2, anchor).map((u) => u.next.map((d) => d.toISOString()));
    expect(times).toEqual([
      ['2024-05-01T12:03:00.000Z', '2024-05-01T12:08:00.000Z'],
      ['2024-05-06T07:00:00.000Z', '2024-05-13T07:00:00.000Z'],
      [],
    ]);
  });
});
