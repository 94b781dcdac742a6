/**
 * lambkin's programmatic API, for users' own tests:
 *   const lk = await startLambkin({ dir: 'my-app' });
 *   const { payload, record } = await lk.invoke('hello', event);
 *   await lk.stop();
 */
import type { Lambkin, LambkinOptions } from './lambkin.js';

export { createLambkin, startLambkin } from './lambkin.js';
export type { Lambkin, LambkinOptions };
export type { InvocationRecord, InvocationResult, InvokeOptions, LambdaErrorPayload, Outcome, SourceKind } from './runtime/types.js';
export { LambkinError, ConfigError, BuildError, InvokeError, UsageError } from './errors.js';
export type { Logger } from './log.js';
export { createConsoleLogger, MemoryLogger, silentLogger } from './log.js';
export { configJsonSchema } from './config/schema.js';
