/**
 * The environments of one generation of one function. Health policy (after vercel/fun):
 * an environment goes back to the pool after a success or a handled error, and is
 * discarded after a timeout, out of memory, a crash or a failed init. Like AWS, the pool
 * shuts an environment down once it has waited idle long enough (see IdleReaping).
 */
import type { BuildOutput } from '../build/compile.js';
import type { FunctionConfig } from '../config/types.js';
import type { ConcurrencyLimits, ConcurrencySlot } from './concurrency.js';
import { Environment, type LogListener } from './environment.js';
import type { WorkerLauncher } from './worker-launcher.js';

/**
 * Lambda shuts idle environments down after some minutes (reference/LAMBDA.md §8; AWS publishes
 * no figure, 5 to 15 minutes is what users observe). Without it a burst of 50 calls would keep
 * 50 workers (~8 MB each) until lambkin stops.
 */
export const DEFAULT_IDLE_LIFETIME_MS = 10 * 60_000;

export interface IdleReaping {
  /** How long an environment may wait for a call before it is shut down. */
  lifetimeMs: number;
  /** Told how many environments were shut down, for lambkin's log. */
  onReaped(count: number): void;
}

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
  /** Most recently used last; each with the time it went idle. */
  readonly #idle: Environment[] = [];
  readonly #idleSince = new Map<Environment, number>();
  readonly #reaping: IdleReaping;
  #reapTimer: NodeJS.Timeout | undefined;
  readonly #all = new Set<Environment>();
  /** Leases out now whose environment may still be handed on. */
  readonly #leases = new Set<LeaseState>();
  #draining = false;
  #drained: (() => void) | undefined;

  constructor(config: FunctionConfig, build: BuildOutput, launcher: WorkerLauncher, limits: ConcurrencyLimits, idleLog: LogListener, reaping: IdleReaping) {
    this.config = config;
    this.build = build;
    this.#launcher = launcher;
    this.#limits = limits;
    this.#idleLog = idleLog;
    this.#reaping = reaping;
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
      if (environment) this.#pushIdle(environment);
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
      this.#idleSince.delete(environment);
      environment = this.#idle.pop();
    }
    if (environment) this.#idleSince.delete(environment);
    return environment;
  }

  #pushIdle(environment: Environment): void {
    this.#idle.push(environment);
    this.#idleSince.set(environment, performance.now());
    this.#reapTimer ??= this.#scheduleReap(this.#reaping.lifetimeMs);
  }

  #scheduleReap(delayMs: number): NodeJS.Timeout {
    // Unref'd: an idle environment waiting to be reaped must not keep lambkin's process alive.
    return setTimeout(() => this.#reap(), delayMs).unref();
  }

  /**
   * Shuts down the environments idle for the lifetime; the oldest wait at the front. Those due
   * soon after go too (within a quarter of it, at most 30 s), so that the environments of one
   * burst end together, with one log line.
   */
  #reap(): void {
    this.#reapTimer = undefined;
    const now = performance.now();
    const { lifetimeMs } = this.#reaping;
    let reaped = 0;
    for (let oldest = this.#idle[0]; oldest !== undefined; oldest = this.#idle[0]) {
      const since = this.#idleSince.get(oldest) ?? now;
      if (now - since < lifetimeMs - Math.min(lifetimeMs / 4, 30_000)) {
        this.#reapTimer = this.#scheduleReap(since + lifetimeMs - now);
        break;
      }
      this.#idle.shift();
      this.#idleSince.delete(oldest);
      if (oldest.alive) reaped++;
      this.#discard(oldest);
    }
    if (reaped > 0) this.#reaping.onReaped(reaped);
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
      if (healthy && environment.alive && !this.#draining) this.#pushIdle(environment);
      else this.#discard(environment);
    }
    if (this.#draining && this.#leases.size === 0) this.#drained?.();
  }

  /** Records the environment a cold start created for this lease, so it can be handed on. */
  attach(lease: Lease, environment: Environment): void {
    lease.environment = environment;
  }

  #stopReaping(): void {
    clearTimeout(this.#reapTimer);
    this.#reapTimer = undefined;
    this.#idleSince.clear();
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
    this.#stopReaping();
    for (const environment of this.#idle.splice(0)) this.#discard(environment);
    if (this.#leases.size > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    await Promise.allSettled([...this.#all].map((e) => e.terminate()));
    this.#all.clear();
  }

  /** Shutdown: ends every environment now, busy or not. */
  async close(): Promise<void> {
    this.#draining = true;
    this.#stopReaping();
    this.#idle.length = 0;
    await Promise.allSettled([...this.#all].map((e) => e.terminate()));
    this.#all.clear();
  }
}
