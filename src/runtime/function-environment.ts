/**
 * The environment variables a function sees: Lambda's reserved variables, the function's
 * own `environment`, and placeholder credentials with endpoints that point the AWS SDK at
 * lambkin. Nothing else of lambkin's own environment leaks in (no real AWS credentials).
 */
import { randomBytes } from 'node:crypto';
import type { FunctionConfig } from '../config/types.js';

export interface EndpointSettings {
  region: string;
  /** lambkin's AWS-compatible endpoint (S3, Lambda Invoke API), when it is listening. */
  awsEndpointUrl?: string | undefined;
}

/** The version every invocation runs: lambkin has no published versions or aliases. */
export const LATEST_VERSION = '$LATEST';

/** `2024/05/01/[$LATEST]e6f4a0c4241adcd70c262d34c0bbc85c`: a new stream per environment. */
export function logStreamName(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${LATEST_VERSION}]${randomBytes(16).toString('hex')}`;
}

export function functionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

export function functionEnvironment(fn: FunctionConfig, projectDir: string, settings: EndpointSettings, now: Date): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...fn.environment,
    _HANDLER: fn.handler,
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: LATEST_VERSION,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(now),
    // Placeholders: the SDK needs credentials to sign, and lambkin accepts any signature.
    AWS_ACCESS_KEY_ID: 'LAMBKINLOCALACCESSKEY',
    AWS_ACCESS_KEY: 'LAMBKINLOCALACCESSKEY',
    AWS_SECRET_ACCESS_KEY: 'lambkin-local-secret-access-key',
    AWS_SESSION_TOKEN: 'lambkin-local-session-token',
    LAMBDA_TASK_ROOT: projectDir,
    LAMBDA_RUNTIME_DIR: projectDir,
  };
  if (settings.awsEndpointUrl) {
    env['AWS_ENDPOINT_URL_S3'] = settings.awsEndpointUrl;
    env['AWS_ENDPOINT_URL_LAMBDA'] = settings.awsEndpointUrl;
  }
  return env;
}
