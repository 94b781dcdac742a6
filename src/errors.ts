/**
 * lambkin's own errors. Handler faults never travel as exceptions (they are
 * `LambdaErrorPayload` values); these classes are for faults of lambkin or of
 * its input (config, build, usage), and carry a code so callers never parse text.
 */

export type LambkinErrorCode =
  | 'CONFIG_INVALID'
  | 'BUILD_FAILED'
  | 'FUNCTION_NOT_FOUND'
  | 'INSTANCE_STOPPED'
  | 'INVALID_EVENT'
  | 'USAGE'
  | 'INTERNAL';

export class LambkinError extends Error {
  readonly code: LambkinErrorCode;
  constructor(code: LambkinErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
  /** True when the user can fix it (their config, code or command), false for lambkin's own bugs. */
  isUserError(): boolean {
    return this.code !== 'INTERNAL' && this.code !== 'INSTANCE_STOPPED';
  }
}

/** One problem in the configuration: the file, the JSON path of the field, and what is wrong. */
export interface ConfigIssue {
  file: string;
  path: string;
  message: string;
}

export class ConfigError extends LambkinError {
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    super('CONFIG_INVALID', issues.map(formatConfigIssue).join('\n'));
    this.issues = issues;
  }
}

export function formatConfigIssue(issue: ConfigIssue): string {
  return issue.path === '' ? `${issue.file}: ${issue.message}` : `${issue.file}: ${issue.path}: ${issue.message}`;
}

export class BuildError extends LambkinError {
  readonly functionName: string;
  constructor(functionName: string, message: string, options?: { cause?: unknown }) {
    super('BUILD_FAILED', message, options);
    this.functionName = functionName;
  }
}

export class InvokeError extends LambkinError {
  constructor(code: 'FUNCTION_NOT_FOUND' | 'INSTANCE_STOPPED' | 'INVALID_EVENT' | 'INTERNAL', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export class UsageError extends LambkinError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** What to log about an unexpected fault: the stack when there is one, else the message or the value. */
export function errorDetail(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
