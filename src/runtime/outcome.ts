/**
 * Turns what happened in an environment into what Lambda reports: the error payload,
 * the record's outcome and error type, and the platform's own log lines for the case
 * (reference/LAMBDA.md §5.2 and §6). Pure.
 */
import type { EnvironmentOutcome, InitOutcome } from './environment.js';
import type { LambdaErrorPayload, Outcome } from './types.js';
import { timeoutLines, timeoutMessage } from '../billing/report.js';

export interface Settled {
  ok: boolean;
  payload?: unknown;
  error?: LambdaErrorPayload;
  outcome: Outcome;
  errorType?: string;
  /** Platform lines printed before END (timeout notice, runtime exit). */
  platformLines: string[];
  durationMs: number;
  memoryUsedMb: number;
  /** Whether the environment may serve another invocation. */
  healthy: boolean;
}

/** The platform's line for an error it reports itself: message, tab, type. */
function platformLine(error: LambdaErrorPayload): string {
  return `${error.errorMessage}\t${error.errorType}`;
}

function exitError(requestId: string, exitCode: number): LambdaErrorPayload {
  const reason = exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${reason}`, trace: [] };
}

function oomError(requestId: string): LambdaErrorPayload {
  return { errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`, trace: [] };
}

export interface SettleContext {
  requestId: string;
  timeoutSec: number;
  memorySizeMb: number;
  /** Last memory figure the environment reported, for deaths that leave none. */
  lastMemoryUsedMb: number;
  now: Date;
}

export function settleInvocation(o: EnvironmentOutcome, c: SettleContext): Settled {
  switch (o.kind) {
    case 'result':
      return { ok: true, payload: JSON.parse(o.payload), outcome: 'success', platformLines: [], durationMs: o.durationMs, memoryUsedMb: o.memoryUsedMb, healthy: true };
    case 'error':
      if (o.exitCode === undefined) {
        return { ok: false, error: o.error, outcome: 'error', errorType: o.error.errorType, platformLines: [], durationMs: o.durationMs, memoryUsedMb: o.memoryUsedMb, healthy: true };
      }
      // Uncaught exception / unhandled rejection: the error is reported, then the runtime exits.
      return {
        ok: false, error: o.error, outcome: 'crash', errorType: 'Runtime.ExitError',
        platformLines: [platformLine(exitError(c.requestId, o.exitCode))],
        durationMs: o.durationMs, memoryUsedMb: o.memoryUsedMb, healthy: false,
      };
    case 'timeout': {
      const error = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${c.requestId} Error: ${timeoutMessage(c.timeoutSec)}`, trace: [] };
      return { ok: false, error, outcome: 'timeout', errorType: error.errorType, platformLines: timeoutLines(c.requestId, c.timeoutSec, c.now), durationMs: o.durationMs, memoryUsedMb: c.lastMemoryUsedMb, healthy: false };
    }
    case 'out-of-memory': {
      const error = oomError(c.requestId);
      return { ok: false, error, outcome: 'out-of-memory', errorType: error.errorType, platformLines: [platformLine(error)], durationMs: o.durationMs, memoryUsedMb: c.memorySizeMb, healthy: false };
    }
    case 'exit': {
      const error = exitError(c.requestId, o.exitCode);
      return { ok: false, error, outcome: 'crash', errorType: error.errorType, platformLines: [platformLine(error)], durationMs: o.durationMs, memoryUsedMb: c.lastMemoryUsedMb, healthy: false };
    }
  }
}

/** A cold start whose Init phase failed: the invocation fails with the init's error. */
export function settleFailedInit(o: Exclude<InitOutcome, { kind: 'ready' }>, c: SettleContext & { initLimitMs: number }): Settled {
  const base = { ok: false, platformLines: [] as string[], durationMs: 0, memoryUsedMb: c.lastMemoryUsedMb, healthy: false };
  switch (o.kind) {
    case 'init-error':
      return { ...base, error: o.error, outcome: 'init-error', errorType: o.error.errorType };
    case 'init-timeout': {
      const error = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${c.requestId} Error: Init phase timed out after ${(c.initLimitMs / 1000).toFixed(2)} seconds`, trace: [] };
      return { ...base, error, outcome: 'init-error', errorType: error.errorType, platformLines: [`${error.errorMessage}`] };
    }
    case 'out-of-memory': {
      const error = oomError(c.requestId);
      return { ...base, error, outcome: 'out-of-memory', errorType: error.errorType, memoryUsedMb: c.memorySizeMb, platformLines: [platformLine(error)] };
    }
    case 'exit': {
      const error = exitError(c.requestId, o.exitCode);
      return { ...base, error, outcome: 'init-error', errorType: error.errorType, platformLines: [platformLine(error)] };
    }
  }
}
