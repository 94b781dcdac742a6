/**
 * The one error a schedule expression can fail with. It carries the expression and the reason
 * separately so the config loader can place it under a JSON path without parsing the message.
 */
import { LambkinError } from '../../errors.js';

export class ScheduleExpressionError extends LambkinError {
  readonly expression: string;
  readonly reason: string;
  constructor(expression: string, reason: string) {
    // Expressions come from lambkin.config.json, so this is a config fault the user can fix.
    super('CONFIG_INVALID', `${expression === '' ? "''" : expression}: ${reason}`);
    this.expression = expression;
    this.reason = reason;
  }
}

/** Throws a ScheduleExpressionError for `expression`; typed `never` so parsers read as guards. */
export function failExpression(expression: string, reason: string): never {
  throw new ScheduleExpressionError(expression, reason);
}
