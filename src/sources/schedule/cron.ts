/**
 * `cron(minutes hours day-of-month month day-of-week year)` as EventBridge rules accept it
 * (reference/EVENTS.md §2.2): six fields, Quartz-style `?`, `L`, `W` and `#` in the day fields,
 * AWS day-of-week numbering (1 = Sunday), and exactly one of the two day fields set to `?`.
 */
import { CRON_FIELDS, parseFieldList, parseFieldValue } from './cron-field.js';
import { failExpression } from './expression-error.js';
import type { CronExpression, DayOfMonthRule, DayOfWeekRule } from './types.js';

const FIELD_ORDER = 'minutes hours day-of-month month day-of-week year';

/** Parses the inside of `cron(...)`; `text` is the whole expression, for error messages. */
export function parseCron(text: string, body: string): CronExpression {
  const trimmed = body.trim();
  const fields = trimmed === '' ? [] : trimmed.split(/\s+/);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (
    fields.length !== 6 ||
    minutes === undefined ||
    hours === undefined ||
    dayOfMonth === undefined ||
    month === undefined ||
    dayOfWeek === undefined ||
    year === undefined
  ) {
    return failExpression(text, `expected 6 fields (${FIELD_ORDER}), got ${fields.length}`);
  }
  const expression: CronExpression = {
    kind: 'cron',
    text,
    minutes: parseFieldList(text, CRON_FIELDS.minutes, minutes),
    hours: parseFieldList(text, CRON_FIELDS.hours, hours),
    dayOfMonth: parseDayOfMonth(text, dayOfMonth),
    months: parseFieldList(text, CRON_FIELDS.month, month),
    dayOfWeek: parseDayOfWeek(text, dayOfWeek),
    years: parseFieldList(text, CRON_FIELDS.year, year),
  };
  checkDayPair(text, expression, dayOfMonth, dayOfWeek);
  return expression;
}

/** AWS: "If you specify a value (or a *) in one of the fields, you must use a ? in the other." */
function checkDayPair(text: string, expression: CronExpression, dayOfMonth: string, dayOfWeek: string): void {
  const domAny = expression.dayOfMonth.kind === 'any';
  const dowAny = expression.dayOfWeek.kind === 'any';
  if (domAny && dowAny) {
    failExpression(text, "day-of-month and day-of-week cannot both be '?'; use '?' in only one of them");
  }
  if (!domAny && !dowAny) {
    failExpression(
      text,
      dayOfMonth === '*' && dayOfWeek === '*'
        ? "day-of-month and day-of-week cannot both be '*'; use '?' in one of them"
        : "day-of-month and day-of-week cannot both be specified; use '?' in one of them",
    );
  }
}

function parseDayOfMonth(text: string, field: string): DayOfMonthRule {
  const upper = field.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  rejectCombined(text, 'day-of-month', field, '?');
  if (!/[LW]/.test(upper)) return { kind: 'days', days: parseFieldList(text, CRON_FIELDS.dayOfMonth, field) };
  // Quartz (whose syntax AWS documents) refuses L and W inside lists; so do we.
  rejectCombined(text, 'day-of-month', field, upper.includes('L') ? 'L' : 'W');
  if (upper === 'L') return { kind: 'last', offset: 0 };
  if (upper === 'LW') return { kind: 'last-weekday' };
  const offset = /^L-(\d+)$/.exec(upper)?.[1];
  if (offset !== undefined) {
    const days = Number(offset);
    if (days < 1 || days > 30) {
      return failExpression(text, `day-of-month offset ${days} in '${field}' is out of range 1-30`);
    }
    return { kind: 'last', offset: days };
  }
  const nearest = /^(\d+)W$/.exec(upper)?.[1];
  if (nearest !== undefined) {
    return { kind: 'nearest-weekday', day: parseFieldValue(text, CRON_FIELDS.dayOfMonth, nearest, field) };
  }
  return failExpression(text, `day-of-month '${field}' is not valid; 'L' and 'W' are written L, L-3, LW or 15W`);
}

function parseDayOfWeek(text: string, field: string): DayOfWeekRule {
  const upper = field.toUpperCase();
  if (upper === '?') return { kind: 'any' };
  rejectCombined(text, 'day-of-week', field, '?');
  if (upper.includes('#')) {
    // AWS: "3#1,6#3" is invalid "because it is interpreted as two expressions".
    rejectCombined(text, 'day-of-week', field, '#');
    const match = /^(\d+|[A-Z]{3})#(\d+)$/.exec(upper);
    if (match?.[1] === undefined || match[2] === undefined) {
      return failExpression(text, `day-of-week '${field}' is not valid; '#' is written 3#2 or TUE#2`);
    }
    const day = parseFieldValue(text, CRON_FIELDS.dayOfWeek, match[1], field);
    const nth = Number(match[2]);
    if (nth < 1 || nth > 5) {
      return failExpression(text, `day-of-week occurrence ${nth} in '${field}' is out of range 1-5`);
    }
    return { kind: 'nth', day, nth };
  }
  // No day name contains an L, so any L here is the special character.
  if (upper.includes('L')) {
    rejectCombined(text, 'day-of-week', field, 'L');
    // Quartz: L alone in day-of-week is "7", the last day of the week (Saturday).
    if (upper === 'L') return { kind: 'days', days: [7] };
    const day = /^(\d+|[A-Z]{3})L$/.exec(upper)?.[1];
    if (day === undefined) {
      return failExpression(text, `day-of-week '${field}' is not valid; 'L' is written L or 6L`);
    }
    return { kind: 'last', day: parseFieldValue(text, CRON_FIELDS.dayOfWeek, day, field) };
  }
  return { kind: 'days', days: parseFieldList(text, CRON_FIELDS.dayOfWeek, field) };
}

/** `?` must be the whole field; `L`, `W` and `#` must not appear in a list. */
function rejectCombined(text: string, name: string, field: string, special: string): void {
  const upper = field.toUpperCase();
  const combined = special === '?' ? upper !== '?' : upper.includes(',');
  if (upper.includes(special) && combined) {
    failExpression(text, `${name} '${field}': '${special}' cannot be combined with other values`);
  }
}
