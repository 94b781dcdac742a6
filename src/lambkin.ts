/**
 * The composition root: createLambkin(options, deps) wires config, builds, the runtime,
 * the sources and the AWS endpoint into one instance with start/stop. State lives in the
 * instance, never in modules, so tests can run several side by side.
 */
import { claimBuildRoot } from './build/build-root.js';
import { loadConfig } from './config/load.js';
import type { FunctionConfig, LambkinConfig } from './config/types.js';
import { ConfigError, formatConfigIssue, InvokeError, LambkinError, type ConfigIssue } from './errors.js';
import { createConsoleLogger, type Logger } from './log.js';
import { Ledger, ledgerPath } from './billing/ledger.js';
import { ConcurrencyLimits } from './runtime/concurrency.js';
import { RuntimeInvoker } from './runtime/invoker.js';
import { DEFAULT_IDLE_LIFETIME_MS } from './runtime/pool.js';
import { FunctionRegistry } from './runtime/registry.js';
import type { InvocationResult, InvokeOptions } from './runtime/types.js';
import { WorkerLauncher } from './runtime/worker-launcher.js';
import { Deployer, describeDeployFailure } from './reload/hot-swap.js';
import { Reloader } from './reload/reloader.js';
import { AsyncQueue, type QueueClock } from './async/queue.js';
import type { RetrySettings } from './async/retry-policy.js';
import type { DeadLetter } from './async/event-store.js';
import type { EventSource } from './sources/source.js';
import { DEFAULT_HOST } from './sources/listen.js';
import { HttpGateway } from './sources/http/server.js';
import { ScheduleSource } from './sources/schedule/scheduler.js';
import { AwsEndpoint } from './aws/endpoint.js';
import { controlService } from './aws/control.js';
import { lambdaApiService } from './aws/lambda-api.js';
import { ObjectStore } from './sources/s3/store.js';
import { S3Source } from './sources/s3/source.js';
import { s3Service } from './sources/s3/api.js';

export interface LambkinOptions {
  /** The project directory (default: the current directory). */
  dir?: string;
  logger?: Logger;
  /** Init phase limit in ms (AWS: 10 s); tests shorten it. */
  initLimitMs?: number;
  /** Deploy only these functions (`lambkin invoke` needs one); default: all. */
  only?: readonly string[];
  /** Retry delays of asynchronous invocations (short by default locally). */
  retry?: RetrySettings;
  clock?: QueueClock;
  /** Deliver asynchronous events (default true; `lambkin invoke` leaves them to a running `dev`). */
  queue?: boolean;
  /** API Gateway port (0: any free one). Absent: no HTTP server. */
  port?: number;
  /** AWS endpoint port for the S3 API, the Invoke API and lambkin's control calls. Absent: none. */
  awsPort?: number;
  /** Address both servers bind to (default 127.0.0.1). */
  host?: string;
  /** Hot reload: rebuild on file and config changes (default false; `lambkin dev` turns it on). */
  watch?: boolean;
  /** Overrides API Gateway's integration timeout (REST 29 s, HTTP API 30 s), so tests need not wait that long. */
  integrationTimeoutMs?: number;
  /** How long an environment may wait idle before it is shut down (default 10 min, as Lambda roughly does). */
  idleLifetimeMs?: number;
}

export interface Lambkin {
  readonly config: LambkinConfig;
  readonly registry: FunctionRegistry;
  /** The API Gateway's base URL once started with a `port`. */
  readonly url: string | undefined;
  /** The AWS endpoint's base URL once started with an `awsPort`. */
  readonly awsUrl: string | undefined;
  readonly http: HttpGateway | undefined;
  /** The schedule source: its upcoming fire times feed the dev banner. */
  readonly schedules: ScheduleSource;
  start(): Promise<void>;
  stop(): Promise<void>;
  invoke(functionName: string, event?: unknown, options?: Partial<InvokeOptions>): Promise<InvocationResult>;
  /** Waits until every invocation record so far is in .lambkin/invocations.jsonl. */
  flushLedger(): Promise<void>;
  /** Worker threads alive now (environments of every generation, and spares). */
  liveWorkers(): number;
  /** Accepts an asynchronous invocation (written to .lambkin/queue/ first); resolves with its id. */
  invokeAsync(functionName: string, event: unknown, options?: Partial<InvokeOptions>): Promise<string>;
  /** Resolves when no asynchronous event is waiting or running. */
  whenQueueIdle(): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  redrive(id?: string): Promise<number>;
  /** Fires the function's schedules now (disabled ones too), as `lambkin fire` does; resolves with the queued event ids. */
  fireSchedule(functionName: string): Promise<string[]>;
}

/** A lambkin, started; one that fails to start is stopped again before the error is thrown. */
export async function startLambkin(options: LambkinOptions = {}): Promise<Lambkin> {
  const lk = await createLambkin(options);
  try {
    await lk.start();
  } catch (err) {
    await lk.stop();
    throw err;
  }
  return lk;
}

export async function createLambkin(options: LambkinOptions = {}): Promise<Lambkin> {
  let config = await loadConfig(options.dir ?? process.cwd());
  const logger = options.logger ?? createConsoleLogger();
  const registry = new FunctionRegistry();
  const launcher = new WorkerLauncher();
  const limits = new ConcurrencyLimits(config.accountConcurrency);
  limits.setReserved(reservedConcurrencyOf(config));
  const ledger = new Ledger(ledgerPath(config.dir), (err) => logger.error(`could not write the invocation log: ${String(err)}`));
  let deployer: Deployer | undefined;
  // Read at each use: a config reload may change the region.
  const account = () => ({ region: config.region, accountId: config.accountId });
  const invoker = new RuntimeInvoker(registry, logger, ledger, {
    projectDir: config.dir,
    account,
    awsEndpointUrl: () => aws?.url,
    ...(options.initLimitMs === undefined ? {} : { initLimitMs: options.initLimitMs }),
  });
  const queue = new AsyncQueue({
    projectDir: config.dir,
    invoker,
    functionConfig: (name) => registry.get(name)?.config,
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const host = options.host ?? DEFAULT_HOST;
  const http = options.port === undefined ? undefined : new HttpGateway(config, { invoker, logger, host, port: options.port, ...(options.integrationTimeoutMs === undefined ? {} : { integrationTimeoutMs: options.integrationTimeoutMs }) });
  const sources: EventSource[] = http ? [http] : [];
  // Asynchronous events are delivered only where the queue runs: `lambkin invoke` (queue: false)
  // leaves schedules, bucket notifications and the queue to a running `dev` on the same project.
  const delivers = options.queue !== false;
  const schedules = new ScheduleSource(config, { enqueue: (name, event) => queue.enqueue(name, event, 'schedule'), logger, tick: delivers });
  sources.push(schedules);
  // Local S3: one store for the S3 API and the bucket watcher. Like schedules, notifications run
  // only where events are delivered (not under `lambkin invoke`); the watcher needs no awsPort.
  const store = new ObjectStore({ projectDir: config.dir, logger });
  if (delivers) sources.push(new S3Source(config, { store, logger, enqueue: (name, event) => queue.enqueue(name, event, 's3') }));
  const aws = options.awsPort === undefined ? undefined : new AwsEndpoint({ host, port: options.awsPort, logger });
  aws?.mount(
    controlService({
      projectDir: config.dir,
      functions: () => registry.names(),
      fireSchedule: (name) => schedules.fire(name),
      deadLetters: () => queue.deadLetters(),
      redrive: (id) => queue.redrive(id),
    }),
  );
  aws?.mount(
    lambdaApiService({
      account,
      logger,
      functionConfig: (name) => registry.get(name)?.config,
      invoke: (name, event, invokeOptions) => invoker.invoke(name, event, invokeOptions),
      enqueue: (name, event) => queue.enqueue(name, event, 'api'),
    }),
  );
  aws?.mount(s3Service({ store, region: () => account().region, logger }));
  let reloader: Reloader | undefined;
  const applyConfig = async (next: LambkinConfig) => {
    config = next;
    limits.setReserved(reservedConcurrencyOf(next));
    await Promise.all(sources.map((s) => s.update?.(next)));
  };
  let state: 'new' | 'started' | 'stopped' = 'new';
  const assertStarted = () => {
    if (state === 'new') throw new InvokeError('INSTANCE_STOPPED', 'lambkin is not started; call start() first');
    if (state === 'stopped') throw new InvokeError('INSTANCE_STOPPED', 'lambkin is stopped; create a new instance (createLambkin or startLambkin) to run functions again');
  };

  return {
    get config() {
      return config;
    },
    registry,
    http,
    schedules,
    get url() {
      return http?.url;
    },
    get awsUrl() {
      return aws?.url;
    },
    async start() {
      if (state !== 'new') throw new LambkinError('INSTANCE_STOPPED', `lambkin was already ${state}`);
      state = 'started';
      const selected = [...config.functions.values()].filter((f) => !options.only || options.only.includes(f.name));
      // Spare workers boot while esbuild builds: the first cold start then waits for neither.
      // Only for the functions deployed (`lambkin invoke` deploys one).
      for (const memory of new Set(selected.map((f) => f.memorySizeMb))) launcher.prewarm(memory);
      launcher.dropUnusedPreboot();
      deployer = new Deployer(config.dir, await claimBuildRoot(config.dir), registry, launcher, limits, logger, options.idleLifetimeMs ?? DEFAULT_IDLE_LIFETIME_MS);
      // While watching, a function that fails to build waits for its fix instead of stopping lambkin.
      await deployAll(selected, deployer, logger, options.watch === true);
      if (options.watch) {
        reloader = new Reloader({ deployer, logger, currentConfig: () => config, applyConfig });
        await reloader.start();
      }
      // The queue first: sources enqueue into it. Then the listeners and watchers together, so
      // that their waits (a bucket folder's first scan, say) overlap; all of them settle before
      // a failure is thrown, so that stop() finds nothing half-started.
      if (delivers) await queue.start();
      const started = await Promise.allSettled([aws?.start(), ...sources.map((s) => s.start())]);
      const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      // Ready means a cold start costs only the user's init: the spare workers are booted.
      await launcher.ready();
    },
    async stop() {
      if (state === 'stopped') return;
      state = 'stopped';
      await reloader?.stop();
      await Promise.allSettled(sources.map((s) => s.stop()));
      await queue.stop();
      await Promise.allSettled([aws?.stop(), deployer?.stop(), launcher.stop(), ledger.close()]);
    },
    async invoke(functionName, event = {}, invokeOptions = {}) {
      assertStarted();
      return invoker.invoke(functionName, event, { source: 'cli', ...invokeOptions });
    },
    async invokeAsync(functionName, event, invokeOptions = {}) {
      assertStarted();
      return queue.enqueue(functionName, event, invokeOptions.source ?? 'cli');
    },
    whenQueueIdle: () => queue.whenIdle(),
    deadLetters: () => queue.deadLetters(),
    redrive: (id) => queue.redrive(id),
    async fireSchedule(functionName) {
      assertStarted();
      return schedules.fire(functionName);
    },
    flushLedger: () => ledger.flush(),
    liveWorkers: () => launcher.liveWorkers,
  };
}

function reservedConcurrencyOf(config: LambkinConfig): Map<string, number | undefined> {
  return new Map([...config.functions.values()].map((f) => [f.name, f.reservedConcurrency]));
}

/**
 * Builds every function at once. A module found in functions/ without the handler export
 * is skipped with a warning (it may be a helper); a configured function that fails is an error.
 */
async function deployAll(functions: FunctionConfig[], deployer: Deployer, logger: Logger, tolerate: boolean): Promise<void> {
  const results = await Promise.allSettled(functions.map((fn) => deployer.deploy(fn)));
  const issues: ConfigIssue[] = [];
  const buildErrors: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const fn = functions[i]!;
    const err: unknown = result.reason;
    const failure = describeDeployFailure(fn, err); // rethrows what is not lambkin's to report
    if (failure.level === 'warn') logger.warn(failure.text);
    else if (err instanceof ConfigError) issues.push(...err.issues);
    else buildErrors.push(failure.text);
  });
  if (tolerate) {
    for (const message of [...issues.map(formatConfigIssue), ...buildErrors]) logger.error(`${message}\n(fix it and save: lambkin reloads it)`);
    return;
  }
  if (issues.length > 0) throw new ConfigError(issues);
  if (buildErrors.length > 0) throw new LambkinError('BUILD_FAILED', buildErrors.join('\n'));
}
