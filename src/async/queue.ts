/**
 * The durable asynchronous invocation queue shared by S3 notifications, schedules and the
 * Invoke API's `Event` type. An event is written to .lambkin/queue/ before it is
 * acknowledged, then delivered through the invoker; failures are retried per the function's
 * settings and end in .lambkin/dlq/. A restart delivers what is still queued. An event
 * being delivered at a kill is delivered again: at least once, as on AWS.
 */
import type { FunctionConfig } from '../config/types.js';
import type { Logger } from '../log.js';
import type { Invoker, LambdaErrorPayload, Outcome, SourceKind } from '../runtime/types.js';
import { InvokeError } from '../errors.js';
import { EventStore, deadLetterDir, newQueuedEvent, queueDir, type DeadLetter, type QueuedEvent } from './event-store.js';
import { redriveDeadLetters } from './requeue.js';
import { DEFAULT_RETRY_SETTINGS, decideAfterAttempt, type DeadLetterCondition, type RetrySettings } from './retry-policy.js';

export interface QueueClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: QueueClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface AsyncQueueOptions {
  projectDir: string;
  invoker: Invoker;
  /** The current configuration of a function, or undefined if it no longer exists. */
  functionConfig(name: string): FunctionConfig | undefined;
  logger: Logger;
  retry?: RetrySettings;
  clock?: QueueClock;
}

/** Deliveries running at once, across all functions. */
const MAX_IN_FLIGHT = 16;

export class AsyncQueue {
  readonly #o: Required<Omit<AsyncQueueOptions, 'retry' | 'clock'>> & { retry: RetrySettings; clock: QueueClock };
  readonly #queue: EventStore<QueuedEvent>;
  readonly #dlq: EventStore<DeadLetter>;
  readonly #pending = new Map<string, QueuedEvent>();
  readonly #inFlight = new Set<string>();
  readonly #idleWaiters: Array<() => void> = [];
  #timer: unknown;
  #timerAt = Infinity;
  #running = false;

  constructor(options: AsyncQueueOptions) {
    this.#o = { retry: DEFAULT_RETRY_SETTINGS, clock: systemClock, ...options };
    this.#queue = new EventStore(queueDir(options.projectDir));
    this.#dlq = new EventStore(deadLetterDir(options.projectDir));
  }

  /** Loads what a previous run left queued and starts delivering. */
  async start(): Promise<void> {
    const items = await this.#queue.list((file, err) => this.#o.logger.error(`async queue: cannot read ${file}: ${String(err)}; left in place`));
    for (const item of items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))) this.#pending.set(item.id, item);
    if (items.length > 0) this.#o.logger.info(`async queue: ${items.length} event(s) from the last run will be delivered`);
    this.#running = true;
    this.#pump();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#o.clock.clearTimeout(this.#timer);
    this.#timerAt = Infinity;
  }

  /** Accepts an event: resolves once it is on disk, with its id. Delivery happens later. */
  async enqueue(functionName: string, event: unknown, source: SourceKind): Promise<string> {
    if (!this.#o.functionConfig(functionName)) throw new InvokeError('FUNCTION_NOT_FOUND', `Function not found: ${functionName}`);
    const item = newQueuedEvent(functionName, event, source, this.#o.clock.now());
    await this.#queue.put(item);
    this.#pending.set(item.id, item);
    this.#pump();
    return item.id;
  }

  /** Resolves when nothing is queued or in flight (for tests and `lambkin fire`). */
  whenIdle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.#dlq.list((file, err) => this.#o.logger.error(`dead letters: cannot read ${file}: ${String(err)}`));
  }

  /** Sends dead letters (one, or all) back to the queue with fresh attempts. Returns how many. */
  redrive(id?: string): Promise<number> {
    return redriveDeadLetters(this.#dlq, {
      id,
      listAll: () => this.deadLetters(),
      unknownId: (unknown) => `no dead letter with id ${unknown}`,
      requeue: (letter) => this.enqueue(letter.functionName, letter.event, letter.source),
    });
  }

  #pump(): void {
    if (!this.#running) return;
    const now = this.#o.clock.now();
    let earliest = Infinity;
    for (const item of this.#pending.values()) {
      if (this.#inFlight.has(item.id)) continue;
      const due = Date.parse(item.nextAttemptAt);
      if (due <= now && this.#inFlight.size < MAX_IN_FLIGHT) {
        this.#inFlight.add(item.id);
        this.#deliver(item).catch((err: unknown) => this.#o.logger.error(`async queue: delivering ${item.id} failed: ${String(err)}`));
      } else if (due < earliest) earliest = due;
    }
    this.#arm(earliest);
    if (this.#pending.size === 0) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #arm(atMs: number): void {
    if (atMs === Infinity || atMs >= this.#timerAt) return;
    this.#o.clock.clearTimeout(this.#timer);
    this.#timerAt = atMs;
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timerAt = Infinity;
      this.#pump();
    }, Math.max(0, atMs - this.#o.clock.now()));
  }

  async #deliver(item: QueuedEvent): Promise<void> {
    try {
      const fn = this.#o.functionConfig(item.functionName);
      const attempt = fn ? await this.#attempt(item) : undefined;
      if (!fn || !attempt) {
        await this.#deadLetter(item, 'FunctionNotFound', { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${item.functionName}`, trace: [] });
        return;
      }
      const throttled = attempt.outcome === 'throttled';
      const attempts = item.attempts + (throttled ? 0 : 1);
      const throttles = throttled ? item.throttles + 1 : 0;
      const decision = decideAfterAttempt(
        {
          outcome: attempt.outcome, attempts, throttles, queuedAtMs: Date.parse(item.queuedAt), nowMs: this.#o.clock.now(),
          maximumRetryAttempts: fn.maximumRetryAttempts, maximumEventAgeSec: fn.maximumEventAgeSec, reservedConcurrency: fn.reservedConcurrency,
        },
        this.#o.retry,
      );
      const { error } = attempt;
      if (decision.action === 'done') await this.#finish(item.id);
      else if (decision.action === 'dead-letter') await this.#deadLetter({ ...item, attempts }, decision.condition, error ?? { errorType: 'Unknown', errorMessage: 'no error was reported', trace: [] });
      else {
        const next: QueuedEvent = { ...item, attempts, throttles, nextAttemptAt: new Date(decision.atMs).toISOString(), ...(error ? { lastError: error } : {}) };
        await this.#queue.put(next);
        this.#pending.set(item.id, next);
        if (!throttled) {
          const why = error ? `: ${error.errorType}: ${error.errorMessage}` : '';
          this.#o.logger.warn(`async ${item.functionName}: event ${item.id} attempt ${attempts} failed${why}; retrying in ${decision.atMs - this.#o.clock.now()} ms`);
        }
      }
    } finally {
      this.#inFlight.delete(item.id);
      this.#pump();
    }
  }

  /**
   * One delivery attempt: its outcome and error, or undefined when the function no longer
   * exists. lambkin's own faults count as throttles: the event waits and is tried again
   * without using one of its attempts, as Lambda treats its system errors.
   */
  async #attempt(item: QueuedEvent): Promise<{ outcome: Outcome; error: LambdaErrorPayload | undefined } | undefined> {
    try {
      const result = await this.#o.invoker.invoke(item.functionName, item.event, { source: item.source, type: 'Event' });
      return { outcome: result.record.outcome, error: result.ok ? undefined : result.error };
    } catch (err) {
      if (err instanceof InvokeError && err.code === 'FUNCTION_NOT_FOUND') return undefined;
      this.#o.logger.error(`async ${item.functionName}: delivery of ${item.id} failed inside lambkin: ${String(err)}; it stays queued`);
      return { outcome: 'throttled', error: { errorType: 'ServiceException', errorMessage: String(err), trace: [] } };
    }
  }

  async #finish(id: string): Promise<void> {
    await this.#queue.remove(id);
    this.#pending.delete(id);
  }

  async #deadLetter(item: QueuedEvent, condition: DeadLetterCondition, error: { errorType: string; errorMessage: string; trace: string[] }): Promise<void> {
    // The letter's `error` is the final one; the queued file's lastError (an earlier attempt's) goes.
    const { lastError: _lastError, ...queued } = item;
    const letter: DeadLetter = { ...queued, condition, error, failedAt: new Date(this.#o.clock.now()).toISOString() };
    await this.#dlq.put(letter);
    await this.#finish(item.id);
    this.#o.logger.error(`async ${item.functionName}: event ${item.id} moved to .lambkin/dlq/ (${condition} after ${item.attempts} attempt(s)): ${error.errorType}: ${error.errorMessage}`);
  }
}
