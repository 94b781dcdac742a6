/**
 * The entry point for schedule expressions: `rate(...)` or `cron(...)` exactly as EventBridge
 * rules take them. Anything else throws a ScheduleExpressionError naming the expression and why.
 */
import { parseCron } from './cron.js';
import { failExpression } from './expression-error.js';
import { parseRate } from './rate.js';
import type { ScheduleExpression } from './types.js';

const EXPECTED = 'expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)';

export function parseScheduleExpression(text: string): ScheduleExpression {
  // Config is validated by zod first, but JS callers of the public API may pass anything.
  if (typeof text !== 'string') return failExpression(String(text), EXPECTED);
  // AWS writes the keywords in lower case with no space before the parenthesis; so must users.
  const match = /^(rate|cron)\((.*)\)$/s.exec(text);
  const keyword = match?.[1];
  const body = match?.[2];
  if (keyword === undefined || body === undefined) return failExpression(text, EXPECTED);
  return keyword === 'rate' ? parseRate(text, body) : parseCron(text, body);
}
