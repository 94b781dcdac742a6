/**
 * The runtime's public vocabulary: what an invocation returns and the measured
 * record of it. Sources depend on these types only, never on workers or pools.
 */

export type SourceKind = 'http' | 'schedule' | 's3' | 'cli' | 'api';
export type InvocationType = 'RequestResponse' | 'Event';
export type Architecture = 'x86_64' | 'arm64';

/** The error shape AWS's Node.js runtime reports: `{errorType, errorMessage, trace}`. */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export type Outcome =
  | 'success'
  | 'error'
  | 'timeout'
  | 'out-of-memory'
  | 'crash'
  | 'init-error'
  | 'throttled';

/** The measured facts of one invocation; one JSON line of `.lambkin/invocations.jsonl`. */
export interface InvocationRecord {
  requestId: string;
  functionName: string;
  generation: number;
  source: SourceKind;
  startedAt: string;
  coldStart: boolean;
  initDurationMs?: number;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  architecture: Architecture;
  gbSeconds: number;
  costUsd: number;
  outcome: Outcome;
  errorType?: string;
}

export type InvocationResult =
  | { ok: true; payload: unknown; record: InvocationRecord; logs: string }
  | { ok: false; error: LambdaErrorPayload; record: InvocationRecord; logs: string };

export interface InvokeOptions {
  source: SourceKind;
  type?: InvocationType;
  /** Client context and similar per-call extras for the handler's `context`. */
  clientContext?: unknown;
}

/** The one door into execution: every source calls this. Never throws for handler faults. */
export interface Invoker {
  invoke(functionName: string, event: unknown, options: InvokeOptions): Promise<InvocationResult>;
}
