/**
 * One cron field's plain syntax: lists, ranges, `*`, steps and names, expanded to sorted values.
 * The day fields' special forms (`?`, `L`, `W`, `#`) are parsed in cron.ts before falling back here.
 */
import { failExpression } from './expression-error.js';

export type CronFieldName = 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

export interface CronFieldSpec {
  readonly name: CronFieldName;
  readonly min: number;
  readonly max: number;
  /** Names for min..max in order, matched case-insensitively. */
  readonly names: readonly string[];
  /** The special characters AWS documents for this field, quoted in error messages. */
  readonly allowed: string;
  /** How the allowed values are written in error messages. */
  readonly range: string;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

// Ranges and wildcards from the table in reference/EVENTS.md §2.2 (EventBridge cron reference).
export const CRON_FIELDS = {
  minutes: { name: 'minutes', min: 0, max: 59, names: [], allowed: ', - * /', range: '0-59' },
  hours: { name: 'hours', min: 0, max: 23, names: [], allowed: ', - * /', range: '0-23' },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31, names: [], allowed: ', - * ? / L W', range: '1-31' },
  month: { name: 'month', min: 1, max: 12, names: MONTH_NAMES, allowed: ', - * /', range: '1-12 or JAN-DEC' },
  dayOfWeek: {
    name: 'day-of-week',
    min: 1,
    max: 7,
    names: DAY_NAMES,
    allowed: ', - * ? L #',
    // AWS counts 1 = Sunday; someone used to Unix cron writes 0 for Sunday, so say it.
    range: '1-7 or SUN-SAT (1 = SUN)',
  },
  year: { name: 'year', min: 1970, max: 2199, names: [], allowed: ', - * /', range: '1970-2199' },
} as const satisfies Record<string, CronFieldSpec>;

/** Expands a comma list of values, ranges and steps into sorted, unique values. */
export function parseFieldList(text: string, spec: CronFieldSpec, field: string): number[] {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    if (item === '') {
      return failExpression(text, `${spec.name} '${field}' has an empty list item`);
    }
    for (const value of parseItem(text, spec, item)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

/** One number or name of the field, range-checked. */
export function parseFieldValue(text: string, spec: CronFieldSpec, token: string, item: string): number {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) {
      return failExpression(text, `${spec.name} value ${value} is out of range ${spec.range}`);
    }
    return value;
  }
  const index = spec.names.indexOf(token.toUpperCase());
  if (index === -1) return failInvalid(text, spec, item);
  return spec.min + index;
}

function parseItem(text: string, spec: CronFieldSpec, item: string): number[] {
  const special = disallowedCharacter(spec, item);
  if (special !== undefined) {
    return failExpression(text, `${spec.name} does not allow '${special}' (allowed: ${spec.allowed})`);
  }
  const [rangePart = '', stepPart, extra] = item.split('/');
  if (extra !== undefined || rangePart === '') return failInvalid(text, spec, item);
  const step = stepPart === undefined ? 1 : parseStep(text, spec, stepPart, item);
  if (rangePart === '*') return expand(text, spec, spec.min, spec.max, step);
  const [first = '', last, more] = rangePart.split('-');
  if (more !== undefined) return failInvalid(text, spec, item);
  const start = parseFieldValue(text, spec, first, item);
  // Quartz-style `5/15` means "from 5 to the end of the field, every 15" (AWS's `0/15` example).
  const end =
    last !== undefined ? parseFieldValue(text, spec, last, item) : stepPart === undefined ? start : spec.max;
  return expand(text, spec, start, end, step);
}

function parseStep(text: string, spec: CronFieldSpec, stepPart: string, item: string): number {
  if (!/^\d+$/.test(stepPart)) return failInvalid(text, spec, item);
  const step = Number(stepPart);
  const maxStep = spec.max - spec.min;
  if (step < 1 || step > maxStep) {
    return failExpression(text, `${spec.name} step ${step} is out of range 1-${maxStep}`);
  }
  return step;
}

/**
 * Values from start to end every `step`. A reversed range wraps around the field, as AWS's own
 * example `cron(0/30 20-2 ? * MON-FRI *)` does for hours; years do not wrap.
 */
function expand(text: string, spec: CronFieldSpec, start: number, end: number, step: number): number[] {
  const size = spec.max - spec.min + 1;
  if (start > end && spec.name === 'year') {
    return failExpression(text, `year range ${start}-${end} is reversed; write the earlier year first`);
  }
  const span = (end - start + size) % size;
  const values: number[] = [];
  for (let offset = 0; offset <= span; offset += step) {
    values.push(spec.min + ((start - spec.min + offset) % size));
  }
  return values;
}

/** The first special character in `item` that this field does not document, if any. */
function disallowedCharacter(spec: CronFieldSpec, item: string): string | undefined {
  const upper = item.toUpperCase();
  const found = ['?', '#', '/'].find((ch) => upper.includes(ch));
  if (found !== undefined && !spec.allowed.includes(found)) return found;
  // Letters only count as L/W in their special shapes: JUL contains an L and WED a W.
  const shaped = /^(?:LW?|L-\d+|\d+[LW]|[A-Z]{3}L)$/.exec(upper);
  if (shaped === null) return undefined;
  const letter = upper.endsWith('W') ? 'W' : 'L';
  return spec.allowed.includes(letter) ? undefined : letter;
}

function failInvalid(text: string, spec: CronFieldSpec, item: string): never {
  return failExpression(text, `${spec.name} '${item}' is not valid; expected ${spec.range}`);
}
