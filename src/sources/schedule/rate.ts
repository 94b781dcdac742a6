/**
 * `rate(value unit)` as EventBridge rules accept it: a positive integer and minute(s), hour(s) or
 * day(s), singular exactly when the value is 1 (reference/EVENTS.md §2.2).
 */
import { failExpression } from './expression-error.js';
import type { RateExpression, RateUnit } from './types.js';

const UNIT_MS: Readonly<Record<RateUnit, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

const UNITS = ['minute', 'minutes', 'hour', 'hours', 'day', 'days'] as const;

/** Parses the inside of `rate(...)`; `text` is the whole expression, for error messages. */
export function parseRate(text: string, body: string): RateExpression {
  const tokens = body.trim().split(/\s+/);
  const [valueText, unitText] = tokens;
  if (tokens.length !== 2 || valueText === undefined || unitText === undefined) {
    return failExpression(text, 'expected rate(value unit), e.g. rate(5 minutes)');
  }
  if (!/^\d+$/.test(valueText)) {
    return failExpression(text, `value '${valueText}' must be a positive integer`);
  }
  const value = Number(valueText);
  if (value === 0) {
    return failExpression(text, 'value 0 must be a positive integer');
  }
  const unit = toUnit(text, unitText);
  const plural = unitText.endsWith('s');
  // AWS rejects `rate(1 minutes)` and `rate(5 minute)`; say which form it wants.
  if (value === 1 && plural) {
    return failExpression(text, `use the singular unit '${unit}' when the value is 1`);
  }
  if (value !== 1 && !plural) {
    return failExpression(text, `use the plural unit '${unit}s' when the value is not 1`);
  }
  const periodMs = value * UNIT_MS[unit];
  if (!Number.isSafeInteger(periodMs)) {
    return failExpression(text, `value ${valueText} is too large`);
  }
  return { kind: 'rate', text, value, unit, periodMs };
}

function toUnit(text: string, unitText: string): RateUnit {
  if (!(UNITS as readonly string[]).includes(unitText)) {
    return failExpression(text, `unit '${unitText}' must be one of ${UNITS.join(', ')}`);
  }
  return (unitText.endsWith('s') ? unitText.slice(0, -1) : unitText) as RateUnit;
}
