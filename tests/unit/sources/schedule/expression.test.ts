import { describe, expect, it } from 'vitest';
import { LambkinError } from '../../../../src/errors.js';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { ScheduleExpressionError } from '../../../../src/sources/schedule/expression-error.js';
import { expectScheduleError } from './expect-schedule-error.js';

const EXPECTED = 'expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)';

describe('ScheduleExpressionError', () => {
  it('is a LambkinError with a config code, the expression and the reason', () => {
    const error = new ScheduleExpressionError('cron(0 12 * * * *)', 'a reason');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(LambkinError);
    expect(error.name).toBe('ScheduleExpressionError');
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.isUserError()).toBe(true);
    expect(error.message).toBe('cron(0 12 * * * *): a reason');
    expect({ expression: error.expression, reason: error.reason }).toEqual({
      expression: 'cron(0 12 * * * *)',
      reason: 'a reason',
    });
  });

  it("shows an empty expression as ''", () => {
    expect(new ScheduleExpressionError('', EXPECTED).message).toBe(`'': ${EXPECTED}`);
  });
});

describe('parseScheduleExpression', () => {
  it('tells rate() from cron()', () => {
    expect(parseScheduleExpression('rate(5 minutes)').kind).toBe('rate');
    expect(parseScheduleExpression('cron(0 12 * * ? *)').kind).toBe('cron');
  });

  it.each([
    '',
    'every 5 minutes',
    '0 12 * * ? *',
    '*/5 * * * *',
    '@hourly',
    'at(2024-05-01T12:00:00)',
    'RATE(5 minutes)',
    'Cron(0 12 * * ? *)',
    'rate (5 minutes)',
    ' rate(5 minutes)',
    'rate(5 minutes) ',
    'cron(0 12 * * ? *',
  ])('rejects %j as neither rate() nor cron()', (text) => {
    expectScheduleError(text, EXPECTED);
  });

  it('rejects a value that is not a string', () => {
    expect(() => parseScheduleExpression(42 as unknown as string)).toThrow(`42: ${EXPECTED}`);
  });
});

describe('parseScheduleExpression cron() errors', () => {
  it.each([
    // The day-of-month / day-of-week rule: exactly one of them is '?'.
    ['cron(0 12 * * * *)', "day-of-month and day-of-week cannot both be '*'; use '?' in one of them"],
    ['cron(0 12 1 * MON *)', "day-of-month and day-of-week cannot both be specified; use '?' in one of them"],
    ['cron(0 12 * * MON *)', "day-of-month and day-of-week cannot both be specified; use '?' in one of them"],
    ['cron(0 12 L * 6L *)', "day-of-month and day-of-week cannot both be specified; use '?' in one of them"],
    ['cron(0 12 ? * ? *)', "day-of-month and day-of-week cannot both be '?'; use '?' in only one of them"],
    // Field count.
    ['cron(0 12 * * ?)', 'expected 6 fields (minutes hours day-of-month month day-of-week year), got 5'],
    ['cron(0 0 12 * * ? *)', 'expected 6 fields (minutes hours day-of-month month day-of-week year), got 7'],
    ['cron()', 'expected 6 fields (minutes hours day-of-month month day-of-week year), got 0'],
    // Ranges, each naming the field's allowed values.
    ['cron(60 12 * * ? *)', 'minutes value 60 is out of range 0-59'],
    ['cron(0 24 * * ? *)', 'hours value 24 is out of range 0-23'],
    ['cron(0 12 0 * ? *)', 'day-of-month value 0 is out of range 1-31'],
    ['cron(0 12 32 * ? *)', 'day-of-month value 32 is out of range 1-31'],
    ['cron(0 12 1 13 ? *)', 'month value 13 is out of range 1-12 or JAN-DEC'],
    ['cron(0 12 1 0 ? *)', 'month value 0 is out of range 1-12 or JAN-DEC'],
    ['cron(0 12 ? * 0 *)', 'day-of-week value 0 is out of range 1-7 or SUN-SAT (1 = SUN)'],
    ['cron(0 12 ? * 8 *)', 'day-of-week value 8 is out of range 1-7 or SUN-SAT (1 = SUN)'],
    ['cron(0 12 ? * 0-6 *)', 'day-of-week value 0 is out of range 1-7 or SUN-SAT (1 = SUN)'],
    ['cron(0 12 * * ? 1969)', 'year value 1969 is out of range 1970-2199'],
    ['cron(0 12 * * ? 2200)', 'year value 2200 is out of range 1970-2199'],
    ['cron(0 12 * * ? 2024-2200)', 'year value 2200 is out of range 1970-2199'],
    ['cron(0 12 32W * ? *)', 'day-of-month value 32 is out of range 1-31'],
    ['cron(0 12 ? * 8L *)', 'day-of-week value 8 is out of range 1-7 or SUN-SAT (1 = SUN)'],
    ['cron(0 12 ? * 0#1 *)', 'day-of-week value 0 is out of range 1-7 or SUN-SAT (1 = SUN)'],
    ['cron(0 12 ? * 3#6 *)', "day-of-week occurrence 6 in '3#6' is out of range 1-5"],
    ['cron(0 12 ? * 3#0 *)', "day-of-week occurrence 0 in '3#0' is out of range 1-5"],
    ['cron(0 12 L-31 * ? *)', "day-of-month offset 31 in 'L-31' is out of range 1-30"],
    // Steps.
    ['cron(0/0 12 * * ? *)', 'minutes step 0 is out of range 1-59'],
    ['cron(*/60 12 * * ? *)', 'minutes step 60 is out of range 1-59'],
    ['cron(0 */24 * * ? *)', 'hours step 24 is out of range 1-23'],
    ['cron(0 0 1 */12 ? *)', 'month step 12 is out of range 1-11'],
    // Special characters outside the fields AWS allows them in.
    ['cron(? 12 * * ? *)', "minutes does not allow '?' (allowed: , - * /)"],
    ['cron(0 12 * ? ? *)', "month does not allow '?' (allowed: , - * /)"],
    ['cron(0 12 * * ? ?)', "year does not allow '?' (allowed: , - * /)"],
    ['cron(L 12 * * ? *)', "minutes does not allow 'L' (allowed: , - * /)"],
    ['cron(0 L * * ? *)', "hours does not allow 'L' (allowed: , - * /)"],
    ['cron(0 12 * L ? *)', "month does not allow 'L' (allowed: , - * /)"],
    ['cron(0 12 * 5W ? *)', "month does not allow 'W' (allowed: , - * /)"],
    ['cron(0 12 ? * 5W *)', "day-of-week does not allow 'W' (allowed: , - * ? L #)"],
    ['cron(0 12 ? * 1/2 *)', "day-of-week does not allow '/' (allowed: , - * ? L #)"],
    ['cron(0 12 ? * */2 *)', "day-of-week does not allow '/' (allowed: , - * ? L #)"],
    ['cron(0 12 1#2 * ? *)', "day-of-month does not allow '#' (allowed: , - * ? / L W)"],
    ['cron(0 12 * * ? 2024#1)', "year does not allow '#' (allowed: , - * /)"],
    // Combinations AWS (and Quartz) refuse.
    ['cron(0 12 ? * 3#1,6#3 *)', "day-of-week '3#1,6#3': '#' cannot be combined with other values"],
    ['cron(0 12 ? * 2,3#1 *)', "day-of-week '2,3#1': '#' cannot be combined with other values"],
    ['cron(0 12 ? * 6L,2 *)', "day-of-week '6L,2': 'L' cannot be combined with other values"],
    ['cron(0 12 L,15 * ? *)', "day-of-month 'L,15': 'L' cannot be combined with other values"],
    ['cron(0 12 1W,15W * ? *)', "day-of-month '1W,15W': 'W' cannot be combined with other values"],
    ['cron(0 12 ?,1 * MON *)', "day-of-month '?,1': '?' cannot be combined with other values"],
    ['cron(0 12 1 * ?,MON *)', "day-of-week '?,MON': '?' cannot be combined with other values"],
    // Malformed items.
    ['cron(0 12 1-5W * ? *)', "day-of-month '1-5W' is not valid; 'L' and 'W' are written L, L-3, LW or 15W"],
    ['cron(0 12 W * ? *)', "day-of-month 'W' is not valid; 'L' and 'W' are written L, L-3, LW or 15W"],
    ['cron(0 12 L-3W * ? *)', "day-of-month 'L-3W' is not valid; 'L' and 'W' are written L, L-3, LW or 15W"],
    ['cron(0 12 ? * 2-6L *)', "day-of-week '2-6L' is not valid; 'L' is written L or 6L"],
    ['cron(0 12 ? * #2 *)', "day-of-week '#2' is not valid; '#' is written 3#2 or TUE#2"],
    ['cron(0 12 ? * MON-FRI#1 *)', "day-of-week 'MON-FRI#1' is not valid; '#' is written 3#2 or TUE#2"],
    ['cron(0 12 ? * MONDAY *)', "day-of-week 'MONDAY' is not valid; expected 1-7 or SUN-SAT (1 = SUN)"],
    ['cron(0 12 1 JANUARY ? *)', "month 'JANUARY' is not valid; expected 1-12 or JAN-DEC"],
    ['cron(0 12 1 1 ? twenty)', "year 'twenty' is not valid; expected 1970-2199"],
    ['cron(x 12 * * ? *)', "minutes 'x' is not valid; expected 0-59"],
    ['cron(0 1-2-3 * * ? *)', "hours '1-2-3' is not valid; expected 0-23"],
    ['cron(0 -1 * * ? *)', "hours '-1' is not valid; expected 0-23"],
    ['cron(0/5/2 12 * * ? *)', "minutes '0/5/2' is not valid; expected 0-59"],
    ['cron(/5 12 * * ? *)', "minutes '/5' is not valid; expected 0-59"],
    ['cron(0/x 12 * * ? *)', "minutes '0/x' is not valid; expected 0-59"],
    ['cron(*-5 12 * * ? *)', "minutes '*-5' is not valid; expected 0-59"],
    ['cron(0 12 ? * SUN-X *)', "day-of-week 'SUN-X' is not valid; expected 1-7 or SUN-SAT (1 = SUN)"],
    ['cron(0,,5 12 * * ? *)', "minutes '0,,5' has an empty list item"],
    ['cron(0, 12 * * ? *)', "minutes '0,' has an empty list item"],
    ['cron(0 12 * * ? 2022-2019)', 'year range 2022-2019 is reversed; write the earlier year first'],
  ])('rejects %s', (text, reason) => {
    expectScheduleError(text, reason);
  });

  it('reports the first bad field before the day-field rule', () => {
    expectScheduleError('cron(60 12 * * * *)', 'minutes value 60 is out of range 0-59');
  });
});
