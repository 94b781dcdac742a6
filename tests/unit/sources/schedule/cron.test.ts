import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import type { CronExpression } from '../../../../src/sources/schedule/types.js';

function cron(text: string): CronExpression {
  const parsed = parseScheduleExpression(text);
  if (parsed.kind !== 'cron') throw new Error(`expected a cron expression from ${text}`);
  return parsed;
}

const ALL_YEARS = Array.from({ length: 230 }, (_, index) => 1970 + index);

describe('parseScheduleExpression cron()', () => {
  it('parses the AWS daily example into explicit field values', () => {
    expect(cron('cron(0 10 * * ? *)')).toEqual({
      kind: 'cron',
      text: 'cron(0 10 * * ? *)',
      minutes: [0],
      hours: [10],
      dayOfMonth: { kind: 'days', days: Array.from({ length: 31 }, (_, index) => index + 1) },
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      dayOfWeek: { kind: 'any' },
      years: ALL_YEARS,
    });
  });

  it.each([
    ['0/15', [0, 15, 30, 45]],
    ['*/15', [0, 15, 30, 45]],
    ['1/10', [1, 11, 21, 31, 41, 51]],
    ['5,35', [5, 35]],
    ['35,5,5', [5, 35]],
    ['10-13', [10, 11, 12, 13]],
    ['10-30/10', [10, 20, 30]],
    ['50-10/5', [0, 5, 10, 50, 55]],
    ['58-1', [0, 1, 58, 59]],
    ['7-7', [7]],
    ['0,30-32,*/20', [0, 20, 30, 31, 32, 40]],
    ['59', [59]],
  ])('expands minutes %s', (field, minutes) => {
    expect(cron(`cron(${field} * * * ? *)`).minutes).toEqual(minutes);
  });

  it.each([
    ['20-2', [0, 1, 2, 20, 21, 22, 23]],
    ['*/6', [0, 6, 12, 18]],
    ['8-17', [8, 9, 10, 11, 12, 13, 14, 15, 16, 17]],
    ['22-2/2', [0, 2, 22]],
  ])('expands hours %s, wrapping past midnight like AWS 20-2', (field, hours) => {
    expect(cron(`cron(0 ${field} * * ? *)`).hours).toEqual(hours);
  });

  it.each([
    ['JAN', [1]],
    ['jan,Jul', [1, 7]],
    ['JAN-MAR', [1, 2, 3]],
    ['NOV-FEB', [1, 2, 11, 12]],
    ['*/4', [1, 5, 9]],
    ['2/5', [2, 7, 12]],
    ['MAR-5', [3, 4, 5]],
    ['12', [12]],
  ])('expands month %s with names in any case', (field, months) => {
    expect(cron(`cron(0 0 1 ${field} ? *)`).months).toEqual(months);
  });

  it.each([
    ['1', [1]],
    ['SUN', [1]],
    ['7', [7]],
    ['SAT', [7]],
    ['MON-FRI', [2, 3, 4, 5, 6]],
    ['2-6', [2, 3, 4, 5, 6]],
    ['SAT,SUN', [1, 7]],
    ['FRI-MON', [1, 2, 6, 7]],
    ['mon,wed,fri', [2, 4, 6]],
    ['*', [1, 2, 3, 4, 5, 6, 7]],
    // L alone in day-of-week is the last day of the week: Saturday.
    ['L', [7]],
  ])('reads day-of-week %s in AWS numbering (1 = Sunday)', (field, days) => {
    expect(cron(`cron(0 0 ? * ${field} *)`).dayOfWeek).toEqual({ kind: 'days', days });
  });

  it.each([
    ['6L', { kind: 'last', day: 6 }],
    ['FRIL', { kind: 'last', day: 6 }],
    ['1L', { kind: 'last', day: 1 }],
    ['3#2', { kind: 'nth', day: 3, nth: 2 }],
    ['TUE#2', { kind: 'nth', day: 3, nth: 2 }],
    ['MON#1', { kind: 'nth', day: 2, nth: 1 }],
    ['7#5', { kind: 'nth', day: 7, nth: 5 }],
    ['?', { kind: 'any' }],
  ])('reads day-of-week special %s', (field, rule) => {
    const dayOfMonth = field === '?' ? '1' : '?';
    expect(cron(`cron(0 0 ${dayOfMonth} * ${field} *)`).dayOfWeek).toEqual(rule);
  });

  it.each([
    ['L', { kind: 'last', offset: 0 }],
    ['l', { kind: 'last', offset: 0 }],
    ['L-3', { kind: 'last', offset: 3 }],
    ['LW', { kind: 'last-weekday' }],
    ['15W', { kind: 'nearest-weekday', day: 15 }],
    ['1W', { kind: 'nearest-weekday', day: 1 }],
    ['31W', { kind: 'nearest-weekday', day: 31 }],
    ['1,15', { kind: 'days', days: [1, 15] }],
    ['28-3', { kind: 'days', days: [1, 2, 3, 28, 29, 30, 31] }],
    ['1/10', { kind: 'days', days: [1, 11, 21, 31] }],
    ['?', { kind: 'any' }],
  ])('reads day-of-month %s', (field, rule) => {
    const dayOfWeek = field === '?' ? 'MON' : '?';
    expect(cron(`cron(0 0 ${field} * ${dayOfWeek} *)`).dayOfMonth).toEqual(rule);
  });

  it.each([
    ['*', ALL_YEARS],
    ['2024', [2024]],
    ['2019-2022', [2019, 2020, 2021, 2022]],
    ['2025,2027-2028', [2025, 2027, 2028]],
    ['2190/5', [2190, 2195]],
    ['*/100', [1970, 2070, 2170]],
    ['1970', [1970]],
    ['2199', [2199]],
  ])('expands year %s within 1970-2199', (field, years) => {
    expect(cron(`cron(0 0 1 1 ? ${field})`).years).toEqual(years);
  });

  it('accepts any run of spaces or tabs between fields', () => {
    expect(cron('cron( 0  12\t* *   ? * )')).toMatchObject({ minutes: [0], hours: [12], dayOfWeek: { kind: 'any' } });
  });

  it.each([
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/15 * * * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(5,35 14 * * ? *)',
    'cron(15 10 ? * 6L 2019-2022)',
    'cron(0/30 20-2 ? * MON-FRI *)',
  ])('accepts the AWS documentation example %s', (text) => {
    expect(cron(text).text).toBe(text);
  });
});
