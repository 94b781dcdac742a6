import { expect } from 'vitest';
import { parseScheduleExpression } from '../../../../src/sources/schedule/expression.js';
import { ScheduleExpressionError } from '../../../../src/sources/schedule/expression-error.js';

/** Parses `text` and asserts it fails with exactly `reason`, and the message `<text>: <reason>`. */
export function expectScheduleError(text: string, reason: string): void {
  let caught: unknown;
  try {
    parseScheduleExpression(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ScheduleExpressionError);
  const error = caught as ScheduleExpressionError;
  expect({ message: error.message, expression: error.expression, reason: error.reason }).toEqual({
    message: `${text === '' ? "''" : text}: ${reason}`,
    expression: text,
    reason,
  });
}
