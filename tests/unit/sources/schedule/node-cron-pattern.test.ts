import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { matchesCron, nextFireTimes } from '../../../../src/sources/schedule/next-fire.js';
import { toNodeCronPattern } from '../../../../src/sources/schedule/node-cron-pattern.js';
import type { CronExpression } from '../../../../src/sources/schedule/types.js';

function parseCron(text: string): CronExpression {
  const parsed = parseScheduleExpression(text);
  if (parsed.kind !== 'cron') throw new Error(`expected a cron expression from ${text}`);
  return parsed;
}

/** A test for UTC minutes (second 0) from node-cron's own parse of `pattern`. */
function nodeCronAdmitter(pattern: string): (date: Date) => boolean {
  const fields = cron.parse(pattern);
  return (date) =>
    fields.second.includes(0) &&
    fields.minute.includes(date.getUTCMinutes()) &&
    fields.hour.includes(date.getUTCHours()) &&
    fields.dayOfMonth.includes(date.getUTCDate()) &&
    fields.month.includes(date.getUTCMonth() + 1) &&
    fields.dayOfWeek.includes(date.getUTCDay());
}

const EXACT = [
  ['cron(0 10 * * ? *)', '0 10 * * *'],
  ['cron(* * * * ? *)', '* * * * *'],
  ['cron(0/15 * * * ? *)', '0,15,30,45 * * * *'],
  ['cron(5,35 14 * * ? *)', '5,35 14 * * *'],
  ['cron(0 8 1 * ? *)', '0 8 1 * *'],
  ['cron(0 0 1,15 * ? *)', '0 0 1,15 * *'],
  ['cron(0 0 28-3 * ? *)', '0 0 1-3,28-31 * *'],
  ['cron(0 18 ? * MON-FRI *)', '0 18 * * 1-5'],
  ['cron(0 12 ? * 1 *)', '0 12 * * 0'],
  ['cron(0 12 ? * SAT,SUN *)', '0 12 * * 0,6'],
  ['cron(0 12 ? * L *)', '0 12 * * 6'],
  ['cron(0/30 20-2 ? * MON-FRI *)', '0,30 0-2,20-23 * * 1-5'],
  ['cron(0/5 8-17 ? * MON-FRI *)', '0,5,10,15,20,25,30,35,40,45,50,55 8-17 * * 1-5'],
  ['cron(0 0 1 NOV-FEB ? *)', '0 0 1 1,2,11,12 *'],
  ['cron(0 0 1 JAN-MAR ? *)', '0 0 1 1-3 *'],
] as const;

// node-cron cannot say these exactly, so the pattern ticks more often and matchesCron filters.
const SUPERSET = [
  ['cron(15 10 ? * 6L 2019-2022)', '15 10 * * *'],
  ['cron(0 0 L * ? *)', '0 0 * * *'],
  ['cron(0 9 LW * ? *)', '0 9 * * *'],
  ['cron(0 9 L-2 * ? *)', '0 9 * * *'],
  ['cron(0 9 15W * ? *)', '0 9 * * *'],
  ['cron(0 12 ? * 3#2 *)', '0 12 * * *'],
  ['cron(0 12 ? * MON#1 *)', '0 12 * * *'],
  ['cron(0 0 1 1 ? 2030)', '0 0 1 1 *'],
  ['cron(0 0 29 2 ? 2100-2110)', '0 0 29 2 *'],
] as const;

describe('toNodeCronPattern cron()', () => {
  it.each(EXACT)('translates %s exactly to %s, with Unix day-of-week numbers', (text, pattern) => {
    expect(toNodeCronPattern(parseCron(text))).toBe(pattern);
    expect(cron.validate(pattern)).toBe(true);
  });

  it.each(SUPERSET)('widens %s to %s', (text, pattern) => {
    expect(toNodeCronPattern(parseCron(text))).toBe(pattern);
    expect(cron.validate(pattern)).toBe(true);
  });

  it.each([...EXACT, ...SUPERSET])('ticks at every fire time of %s', (text) => {
    const expression = parseCron(text);
    const admits = nodeCronAdmitter(toNodeCronPattern(expression));
    const times = nextFireTimes(expression, new Date('2019-01-01T00:00:00Z'), 40);
    expect(times.length).toBeGreaterThan(0);
    expect(times.filter((time) => !admits(time))).toEqual([]);
  });

  it.each(EXACT)('ticks only at fire times of %s', (text) => {
    const expression = parseCron(text);
    const admits = nodeCronAdmitter(toNodeCronPattern(expression));
    const start = Date.parse('2024-05-03T18:00:00Z');
    const disagreements: string[] = [];
    for (let minute = 0; minute < 3 * 24 * 60; minute += 1) {
      const date = new Date(start + minute * 60_000);
      if (admits(date) !== matchesCron(expression, date)) disagreements.push(date.toISOString());
    }
    expect(disagreements).toEqual([]);
  });
});

describe('toNodeCronPattern rate()', () => {
  it("ticks every minute at the anchor's second", () => {
    const anchor = new Date('2024-05-01T12:00:37.482Z');
    const pattern = toNodeCronPattern(parseScheduleExpression('rate(5 minutes)'), { anchor });
    expect(pattern).toBe('37 * * * * *');
    expect(cron.validate(pattern)).toBe(true);
  });

  it('refuses rate() without an anchor', () => {
    expect(() => toNodeCronPattern(parseScheduleExpression('rate(1 day)'))).toThrow(
      new TypeError('rate(1 day): rate schedules need options.anchor, the time the schedule started'),
    );
  });
});
