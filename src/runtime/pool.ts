/**
 * The environments of one generation of one function. Health policy (after vercel/fun):
 * an environment goes back to the pool after a success or a handled error, and is
 * discarded after a timeout, out of memory, a crash or a failed init.
 */
import type { BuildOutput } from '../build/compile.js';
import type { FunctionConfig } from '../config/types.js';
import type { ConcurrencyLimits, ConcurrencySlot } from './concurrency.js';
import { Environment, type LogListener } from './environment.js';
import type { WorkerLauncher } from './worker-launcher.js';

/** Permission to run one invocation: an idle environment, or the right to start one. */
export interface Lease {
  environment: Environment | undefined;
}

/** The pool's side of a lease: whether its environment has already gone to a later call. */
interface LeaseState extends Lease {
  handedOff: boolean;
  slot: ConcurrencySlot;
}

export class EnvironmentPool {
  readonly config: FunctionConfig;
  readonly build: BuildOutput;
  readonly #launcher: WorkerLauncher;
  readonly #limits: ConcurrencyLimits;
  readonly #idleLog: LogListener;
  readonly #idle: Environment[] = [];
  readonly #all = new Set<Environment>();
  /** Leases out now whose environment may still be handed on. */
  readonly #leases = new Set<LeaseState>();
  #draining = false;
  #drained: (() => void) | undefined;

  constructor(config: FunctionConfig, build: BuildOutput, launcher: WorkerLauncher, limits: ConcurrencyLimits, idleLog: LogListener) {
    this.config = config;
    this.build = build;
    this.#launcher = launcher;
    this.#limits = limits;
    this.#idleLog = idleLog;
  }

  /** Environments alive in this pool, busy or idle. */
  get size(): number {
    return this.#all.size;
  }

  get busy(): number {
    return this.#leases.size;
  }

  /** How many environments the function may run at once now. */
  get concurrencyLimit(): number {
    return this.#limits.limitOf(this.config.name);
  }

  /** A lease, or undefined when the function is at its concurrency limit (throttled). */
  acquire(): Lease | undefined {
    const environment = this.#takeIdle() ?? this.#takeFinished();
    const slot = this.#draining ? undefined : this.#limits.tryAcquire(this.config.name);
    if (!slot) {
      if (environment) this.#idle.push(environment);
      return undefined;
    }
    const lease: LeaseState = { environment, handedOff: false, slot };
    this.#leases.add(lease);
    return lease;
  }

  #takeIdle(): Environment | undefined {
    let environment = this.#idle.pop();
    while (environment && !environment.alive) {
      this.#all.delete(environment);
      environment = this.#idle.pop();
    }
    return environment;
  }

  /**
   * An environment whose handler has returned but whose caller has not yet read the result:
   * on AWS it is free already. Under load a result can wait on the main thread well after the
   * handler ended; without this, that lag rather than the handlers would decide how many
   * environments run. The earlier call keeps its result; its lease just no longer owns the
   * environment.
   */
  #takeFinished(): Environment | undefined {
    for (const lease of this.#leases) {
      const environment = lease.environment;
      if (!lease.handedOff && environment?.pollFree()) {
        lease.handedOff = true;
        this.#leases.delete(lease);
        this.#limits.release(lease.slot);
        return environment;
      }
    }
    return undefined;
  }

  /** Boots a worker for a cold start; the caller runs its Init phase. */
  async createEnvironment(): Promise<Environment> {
    const worker = await this.#launcher.take(this.config.memorySizeMb);
    const environment = new Environment(worker, this.#idleLog);
    this.#all.add(environment);
    return environment;
  }

  /** Boots a spare worker for this function's next cold start (after one has taken the last). */
  prewarmSpare(): void {
    this.#launcher.prewarm(this.config.memorySizeMb);
  }

  /**
   * Ends a lease: a healthy environment waits for the next call, any other is terminated.
   * `environment` is the one the caller ran on (a cold start fills it in after acquire).
   */
  release(lease: Lease, environment: Environment | undefined, healthy: boolean): void {
    const state = lease as LeaseState;
    if (state.handedOff) return;
    this.#leases.delete(state);
    this.#limits.release(state.slot);
    if (environment) {
      if (healthy && environment.alive && !this.#draining) this.#idle.push(environment);
      else this.#discard(environment);
    }
    if (this.#draining && this.#leases.size === 0) this.#drained?.();
  }

  /** Records the environment a cold start created for this lease, so it can be handed on. */
  attach(lease: Lease, environment: Environment): void {
    lease.environment = environment;
  }

  #discard(environment: Environment): void {
    this.#all.delete(environment);
    environment.terminate().catch((err: unknown) => this.#idleLog(`lambkin: could not stop an environment: ${String(err)}`));
  }

  /**
   * Stops handing out environments, lets invocations in flight finish (each bounded by
   * its timeout), then ends every environment. Idle ones end at once.
   */
  async drain(): Promise<void> {
    this.#draining = true;
    for (const environment of this.#idle.splice(0)) this.#discard(environment);
    if (this.#leases.size > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    await Promise.allSettled([...this.#all].map((e) => e.terminate()));
    this.#all.clear();
  }

  /** Shutdown: ends every environment now, busy or not. */
  async close(): Promise<void> {
    this.#draining = true;
    this.#idle.length = 0;
    await Promise.allSettled([...this.#all].map((e) => e.terminate()));
    this.#all.clear();
  }
}
