/**
 * Puts a function's next generation in service: build it, give it a pool, swap it into
 * the registry in one synchronous step, then drain the previous generation (in-flight
 * invocations finish on the old code; idle old environments end at once). A failed build
 * leaves the running generation serving. The first deploy of a function is the same path.
 */
import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { compileFunction, buildDir, type BuildOutput } from '../build/compile.js';
import type { FunctionConfig } from '../config/types.js';
import { ConfigError, LambkinError, formatConfigIssue } from '../errors.js';
import type { Logger } from '../log.js';
import type { ConcurrencyLimits } from '../runtime/concurrency.js';
import { EnvironmentPool } from '../runtime/pool.js';
import type { FunctionRegistry } from '../runtime/registry.js';
import type { WorkerLauncher } from '../runtime/worker-launcher.js';
import { stampsChanged } from '../build/file-stamps.js';
import { BuildCache } from '../build/build-cache.js';

/** How lambkin reports a function that failed to deploy: `warn` for a module that is not a function, else `error`. */
export interface DeployFailure {
  level: 'warn' | 'error';
  text: string;
}

/**
 * The text lambkin prints for a failed deploy, at start and on reload alike. A module found in
 * functions/ and declared nowhere that lacks the handler export may be a helper: a warning, with
 * its path once (the issue carries it). Anything else is an error with lambkin's message as is;
 * callers add what happens next. Throws back errors that are not lambkin's (bugs).
 */
export function describeDeployFailure(fn: FunctionConfig, err: unknown): DeployFailure {
  if (!(err instanceof LambkinError)) throw err;
  if (err instanceof ConfigError && !fn.declared) {
    return { level: 'warn', text: err.issues.map((i) => formatConfigIssue({ ...i, message: `not a function, skipped: ${i.message}` })).join('\n') };
  }
  return { level: 'error', text: err.message };
}

export class Deployer {
  readonly #projectDir: string;
  readonly #buildRoot: string;
  readonly #registry: FunctionRegistry;
  readonly #launcher: WorkerLauncher;
  readonly #limits: ConcurrencyLimits;
  readonly #logger: Logger;
  readonly #generations = new Map<string, number>();
  /** The build each function's current generation runs. */
  readonly #current = new Map<string, BuildOutput>();
  readonly #cache: BuildCache;
  readonly #idleLifetimeMs: number;

  constructor(projectDir: string, buildRoot: string, registry: FunctionRegistry, launcher: WorkerLauncher, limits: ConcurrencyLimits, logger: Logger, idleLifetimeMs: number) {
    this.#projectDir = projectDir;
    this.#buildRoot = buildRoot;
    this.#cache = new BuildCache(projectDir);
    this.#registry = registry;
    this.#launcher = launcher;
    this.#limits = limits;
    this.#logger = logger;
    this.#idleLifetimeMs = idleLifetimeMs;
  }

  /** Builds the next generation of `fn`; throws BuildError or ConfigError and changes nothing if it fails. */
  async #build(fn: FunctionConfig): Promise<BuildOutput> {
    const generation = (this.#generations.get(fn.name) ?? 0) + 1;
    const output = await compileFunction(this.#projectDir, this.#buildRoot, fn, generation, this.#cache);
    this.#generations.set(fn.name, generation);
    for (const warning of output.warnings) this.#logger.warn(warning);
    return output;
  }

  /** Whether any file the function's current build read has changed since. */
  async sourcesChanged(name: string): Promise<boolean> {
    const stamps = this.#current.get(name)?.stamps;
    return stamps === undefined || stampsChanged(stamps);
  }

  /** Swaps a built generation in and drains the one it replaces. */
  #activate(fn: FunctionConfig, output: BuildOutput): void {
    const idleLog = (line: string) => this.#logger.lambda(fn.name, line);
    const pool = new EnvironmentPool(fn, output, this.#launcher, this.#limits, idleLog, {
      lifetimeMs: this.#idleLifetimeMs,
      onReaped: (count) => this.#logger.info(`${fn.name}: ${count === 1 ? 'an idle environment' : `${count} idle environments`} shut down after ${describeDuration(this.#idleLifetimeMs)} without a call, as Lambda does; a call that finds none warm is a cold start`),
    });
    const previous = this.#registry.swap(fn.name, { config: fn, generation: output.generation, pool });
    this.#current.set(fn.name, output);
    this.#launcher.prewarm(fn.memorySizeMb);
    if (previous) this.#retire(previous.pool, fn.name, previous.generation);
  }

  outputs(): BuildOutput[] {
    return [...this.#current.values()];
  }

  isDeployed(name: string): boolean {
    return this.#current.has(name);
  }

  /** Builds `fn` and puts it in service; a failure throws (BuildError, ConfigError) and changes nothing. */
  async deploy(fn: FunctionConfig): Promise<BuildOutput> {
    const output = await this.#build(fn);
    this.#activate(fn, output);
    return output;
  }

  /** Takes a function out of service (its module was deleted or it left the config). */
  remove(name: string): void {
    this.#current.delete(name);
    const previous = this.#registry.remove(name);
    if (previous) this.#retire(previous.pool, name, previous.generation);
  }

  #retire(pool: EnvironmentPool, name: string, generation: number): void {
    const dir = buildDir(this.#buildRoot, name, generation);
    pool
      .drain()
      .then(() => rm(dir, { recursive: true, force: true }))
      .catch((err: unknown) =>
        this.#logger.error(
          `could not remove ${relative(this.#projectDir, dir)}, the build of ${name}'s retired generation ${generation} (${String(err)}); harmless: lambkin removes it when it stops or at its next start`,
        ),
      );
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.#registry.handles().map((h) => h.pool.close()));
    await rm(this.#buildRoot, { recursive: true, force: true });
  }
}

/** `10 min`, `90 s`, `250 ms`: the idle lifetime as the log states it. */
function describeDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
