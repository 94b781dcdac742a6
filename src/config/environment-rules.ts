/** AWS's rules for a function's environment variables (reference/LAMBDA.md §3). */
import type { ConfigIssue } from '../errors.js';
import { CONFIG_FILE_NAME } from './types.js';

/** Set by Lambda itself; CreateFunction refuses them, so lambkin does too. */
export const RESERVED_ENV_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/** Lambda's limit on all of a function's variables together: 4 KB of keys and values. */
export const ENVIRONMENT_MAX_BYTES = 4096;

export function checkEnvironment(env: Readonly<Record<string, string>>, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(env)) {
    if (RESERVED_ENV_KEYS.has(key)) {
      issues.push({ file: CONFIG_FILE_NAME, path: `${path}.${key}`, message: `${key} is reserved by Lambda and cannot be set` });
    }
  }
  const bytes = Object.entries(env).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > ENVIRONMENT_MAX_BYTES) {
    issues.push({ file: CONFIG_FILE_NAME, path, message: `${bytes} bytes of variables is above Lambda's ${ENVIRONMENT_MAX_BYTES / 1024} KB (${ENVIRONMENT_MAX_BYTES} bytes) limit` });
  }
  return issues;
}
