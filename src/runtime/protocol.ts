/**
 * Messages between the host and bootstrap.js inside a worker. Events and results cross
 * as JSON text, as they cross Lambda's Runtime API, so a handler sees exactly what
 * JSON.parse makes of the event (no Dates or undefined sneaking through).
 */
import type { LambdaErrorPayload } from './types.js';

export interface InitMessage {
  type: 'init';
  /** The compiled module to import. */
  moduleFile: string;
  exportPath: string;
  /** The handler string as configured, for AWS's error messages. */
  handler: string;
  env: Record<string, string>;
  /** Callback-style handlers are refused on runtimes that dropped them (nodejs24.x). */
  allowCallbacks: boolean;
  runtime: string;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: string;
  /** Epoch ms at which the invocation times out (context.getRemainingTimeInMillis). */
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: string;
}

export type ToWorker = InitMessage | InvokeMessage;

export type FromWorker =
  | { type: 'booted' }
  | { type: 'ready'; initDurationMs: number; memoryUsedMb: number }
  | { type: 'init-error'; error: LambdaErrorPayload; initDurationMs: number }
  | { type: 'log'; line: string }
  | { type: 'result'; requestId: string; payload: string; memoryUsedMb: number }
  | {
      type: 'error';
      requestId: string;
      error: LambdaErrorPayload;
      memoryUsedMb: number;
      /**
       * Set when the runtime exits after this report (uncaught exception 129, unhandled rejection
       * 128), as the runtime interface client does; absent for an error the handler returned.
       */
      exitCode?: number;
    };
