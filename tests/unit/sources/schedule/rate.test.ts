import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { expectScheduleError } from './expect-schedule-error.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseScheduleExpression rate()', () => {
  it.each([
    ['rate(1 minute)', 1, 'minute', MINUTE],
    ['rate(5 minutes)', 5, 'minute', 5 * MINUTE],
    ['rate(1 hour)', 1, 'hour', HOUR],
    ['rate(12 hours)', 12, 'hour', 12 * HOUR],
    ['rate(1 day)', 1, 'day', DAY],
    ['rate(7 days)', 7, 'day', 7 * DAY],
    ['rate(120 minutes)', 120, 'minute', 120 * MINUTE],
  ] as const)('parses %s when the unit agrees with the value', (text, value, unit, periodMs) => {
    expect(parseScheduleExpression(text)).toEqual({ kind: 'rate', text, value, unit, periodMs });
  });

  it('keeps the text exactly as written when the parentheses hold extra spaces', () => {
    expect(parseScheduleExpression('rate( 5   minutes )')).toMatchObject({ text: 'rate( 5   minutes )', periodMs: 5 * MINUTE });
  });

  it.each([
    ['rate(1 minutes)', "use the singular unit 'minute' when the value is 1"],
    ['rate(1 hours)', "use the singular unit 'hour' when the value is 1"],
    ['rate(1 days)', "use the singular unit 'day' when the value is 1"],
    ['rate(5 minute)', "use the plural unit 'minutes' when the value is not 1"],
    ['rate(5 hour)', "use the plural unit 'hours' when the value is not 1"],
    ['rate(2 day)', "use the plural unit 'days' when the value is not 1"],
    ['rate(0 minutes)', 'value 0 must be a positive integer'],
    ['rate(-5 minutes)', "value '-5' must be a positive integer"],
    ['rate(1.5 hours)', "value '1.5' must be a positive integer"],
    ['rate(five minutes)', "value 'five' must be a positive integer"],
    ['rate(30 seconds)', "unit 'seconds' must be one of minute, minutes, hour, hours, day, days"],
    ['rate(2 weeks)', "unit 'weeks' must be one of minute, minutes, hour, hours, day, days"],
    ['rate(5 Minutes)', "unit 'Minutes' must be one of minute, minutes, hour, hours, day, days"],
    ['rate(5)', 'expected rate(value unit), e.g. rate(5 minutes)'],
    ['rate()', 'expected rate(value unit), e.g. rate(5 minutes)'],
    ['rate(5 minutes please)', 'expected rate(value unit), e.g. rate(5 minutes)'],
    ['rate(99999999999999 days)', 'value 99999999999999 is too large'],
  ])('rejects %s', (text, reason) => {
    expectScheduleError(text, reason);
  });
});
