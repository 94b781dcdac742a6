/**
 * The one door into execution: registry -> pool -> environment -> meter -> log. Every
 * source calls `invoke`; timeouts, memory, billing and logging happen here, once.
 * Handler faults come back as `ok: false` values; only lambkin's own faults throw.
 */
import { v4 as uuidv4 } from 'uuid';
import { InvokeError, LambkinError } from '../errors.js';
import type { Logger } from '../log.js';
import { meter } from '../billing/meter.js';
import { endLine, reportLine, round2, startLine } from '../billing/report.js';
import type { Ledger } from '../billing/ledger.js';
import type { Environment } from './environment.js';
import { functionArn, functionEnvironment } from './function-environment.js';
import { settleFailedInit, settleInvocation, type Settled } from './outcome.js';
import type { FunctionHandle, FunctionRegistry } from './registry.js';
import type { InvocationRecord, InvocationResult, InvokeOptions, Invoker } from './types.js';

/** Lambda gives the Init phase 10 s of its own (reference/LAMBDA.md §4). */
export const INIT_LIMIT_MS = 10_000;

export interface InvokerSettings {
  projectDir: string;
  /** Read at each use, so that a config reload's region and account apply. */
  account(): { region: string; accountId: string };
  /** lambkin's AWS endpoint, once listening; functions' SDKs are pointed at it. */
  awsEndpointUrl(): string | undefined;
  initLimitMs?: number;
}

/** Collects an invocation's log lines and streams each to the logger as it comes. */
class InvocationLog {
  readonly lines: string[] = [];
  readonly line: (text: string) => void;
  constructor(logger: Logger, functionName: string) {
    this.line = (text) => {
      this.lines.push(text);
      logger.lambda(functionName, text);
    };
  }
  text(): string {
    return this.lines.length === 0 ? '' : this.lines.join('\n') + '\n';
  }
}

export class RuntimeInvoker implements Invoker {
  readonly #registry: FunctionRegistry;
  readonly #logger: Logger;
  readonly #ledger: Ledger;
  readonly #settings: InvokerSettings;

  constructor(registry: FunctionRegistry, logger: Logger, ledger: Ledger, settings: InvokerSettings) {
    this.#registry = registry;
    this.#logger = logger;
    this.#ledger = ledger;
    this.#settings = settings;
  }

  async invoke(functionName: string, event: unknown, options: InvokeOptions): Promise<InvocationResult> {
    const handle = this.#registry.get(functionName);
    if (!handle) {
      const known = this.#registry.names();
      throw new InvokeError('FUNCTION_NOT_FOUND', `Function not found: ${functionName} (functions: ${known.join(', ') || 'none'})`);
    }
    const eventJson = serializeEvent(functionName, event);
    const requestId = uuidv4();
    const startedAt = new Date();
    const log = new InvocationLog(this.#logger, functionName);
    const lease = handle.pool.acquire();
    if (!lease) return this.#throttled(handle, requestId, startedAt, options, log);
    let environment = lease.environment;
    let settled: Settled | undefined;
    try {
      let initDurationMs: number | undefined;
      if (!environment) {
        environment = await handle.pool.createEnvironment();
        handle.pool.attach(lease, environment);
        const init = await this.#init(handle, environment, log);
        // The next cold start's spare boots once this call's answer is out, not beside it.
        setImmediate(() => handle.pool.prewarmSpare());
        initDurationMs = init.initDurationMs;
        if (init.kind !== 'ready') {
          settled = settleFailedInit(init, { ...this.#context(handle, requestId, environment), initLimitMs: this.#initLimitMs });
          log.line(startLine(requestId));
          return this.#complete(handle, requestId, startedAt, options, log, settled, initDurationMs);
        }
      }
      log.line(startLine(requestId));
      const timeoutMs = handle.config.timeoutSec * 1000;
      const outcome = await environment.invoke(
        {
          type: 'invoke',
          requestId,
          event: eventJson,
          deadlineMs: Date.now() + timeoutMs,
          invokedFunctionArn: this.#functionArn(functionName),
          ...(options.clientContext === undefined ? {} : { clientContext: JSON.stringify(options.clientContext) }),
        },
        timeoutMs,
        log.line,
      );
      settled = settleInvocation(outcome, this.#context(handle, requestId, environment));
      return this.#complete(handle, requestId, startedAt, options, log, settled, initDurationMs);
    } catch (err) {
      if (err instanceof LambkinError) throw err;
      throw new InvokeError('INTERNAL', `lambkin could not run ${functionName}: ${String(err)}`, { cause: err });
    } finally {
      handle.pool.release(lease, environment, settled?.healthy ?? false);
    }
  }

  #functionArn(functionName: string): string {
    const { region, accountId } = this.#settings.account();
    return functionArn(region, accountId, functionName);
  }

  get #initLimitMs(): number {
    return this.#settings.initLimitMs ?? INIT_LIMIT_MS;
  }

  #context(handle: FunctionHandle, requestId: string, environment: Environment) {
    return {
      requestId,
      timeoutSec: handle.config.timeoutSec,
      memorySizeMb: handle.config.memorySizeMb,
      lastMemoryUsedMb: environment.memoryUsedMb,
      now: new Date(),
    };
  }

  #init(handle: FunctionHandle, environment: Environment, log: InvocationLog) {
    const { config, pool } = handle;
    const env = functionEnvironment(config, this.#settings.projectDir, { region: this.#settings.account().region, awsEndpointUrl: this.#settings.awsEndpointUrl() }, new Date());
    return environment.init(
      {
        type: 'init',
        moduleFile: pool.build.outFile,
        exportPath: config.exportPath,
        handler: config.handler,
        env,
        allowCallbacks: config.runtime !== 'nodejs24.x',
        runtime: config.runtime,
      },
      this.#initLimitMs,
      log.line,
    );
  }

  #complete(
    handle: FunctionHandle,
    requestId: string,
    startedAt: Date,
    options: InvokeOptions,
    log: InvocationLog,
    settled: Settled,
    initDurationMs: number | undefined,
  ): InvocationResult {
    const { config } = handle;
    for (const line of settled.platformLines) log.line(line);
    const bill = meter({ durationMs: settled.durationMs, initDurationMs, memorySizeMb: config.memorySizeMb, architecture: config.architecture });
    const record = invocationRecord(handle, requestId, startedAt, options, {
      coldStart: initDurationMs !== undefined,
      ...(initDurationMs === undefined ? {} : { initDurationMs: round2(initDurationMs) }),
      durationMs: round2(settled.durationMs),
      billedDurationMs: bill.billedDurationMs,
      maxMemoryUsedMb: Math.min(config.memorySizeMb, settled.memoryUsedMb),
      gbSeconds: bill.gbSeconds,
      costUsd: bill.costUsd,
      outcome: settled.outcome,
      ...(settled.errorType === undefined ? {} : { errorType: settled.errorType }),
    });
    log.line(endLine(requestId));
    log.line(reportLine(record));
    this.#ledger.append(record);
    // Joined now: an object literal with a getter costs more to build than the join (~0.7 vs 0.1 us).
    const logs = log.text();
    return settled.ok
      ? { ok: true, payload: settled.payload, record, logs }
      : { ok: false, error: settled.error ?? { errorType: 'Runtime.Unknown', errorMessage: 'unknown failure', trace: [] }, record, logs };
  }

  #throttled(handle: FunctionHandle, requestId: string, startedAt: Date, options: InvokeOptions, log: InvocationLog): InvocationResult {
    const { config } = handle;
    const why = config.reservedConcurrency === undefined ? `the account's unreserved concurrency (accountConcurrency)` : 'its reservedConcurrency';
    this.#logger.warn(`${config.name}: throttled (TooManyRequestsException): ${handle.pool.concurrencyLimit} environments at once is ${why}; raise it in lambkin.config.json to run more`);
    const record = invocationRecord(handle, requestId, startedAt, options, {
      coldStart: false, durationMs: 0, billedDurationMs: 0, maxMemoryUsedMb: 0,
      gbSeconds: 0, costUsd: 0, outcome: 'throttled', errorType: 'TooManyRequestsException',
    });
    // A throttled call never starts, so Lambda neither logs nor bills it; the ledger keeps it
    // (cost 0) so that `lambkin bill` can count throttles.
    this.#ledger.append(record);
    return { ok: false, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.', trace: [] }, record, logs: log.text() };
  }
}

/** What an invocation's record takes from the call and the function; the rest is the outcome's. */
type RecordFigures = Omit<InvocationRecord, 'requestId' | 'functionName' | 'generation' | 'source' | 'startedAt' | 'memorySizeMb' | 'architecture'>;

/** An invocation's ledger record, its fields in the ledger's order. */
function invocationRecord(handle: FunctionHandle, requestId: string, startedAt: Date, options: InvokeOptions, f: RecordFigures): InvocationRecord {
  const { config } = handle;
  return {
    requestId,
    functionName: config.name,
    generation: handle.generation,
    source: options.source,
    startedAt: startedAt.toISOString(),
    coldStart: f.coldStart,
    ...(f.initDurationMs === undefined ? {} : { initDurationMs: f.initDurationMs }),
    durationMs: f.durationMs,
    billedDurationMs: f.billedDurationMs,
    memorySizeMb: config.memorySizeMb,
    maxMemoryUsedMb: f.maxMemoryUsedMb,
    architecture: config.architecture,
    gbSeconds: f.gbSeconds,
    costUsd: f.costUsd,
    outcome: f.outcome,
    ...(f.errorType === undefined ? {} : { errorType: f.errorType }),
  };
}

function serializeEvent(functionName: string, event: unknown): string {
  try {
    return JSON.stringify(event === undefined ? null : event) ?? 'null';
  } catch (err) {
    throw new InvokeError('INVALID_EVENT', `the event for ${functionName} cannot be sent as JSON: ${String(err)}`, { cause: err });
  }
}
