/**
 * One execution environment: a worker thread running one generation of one function,
 * one invocation at a time. It owns the timeout (the worker is terminated, which stops
 * even a synchronous infinite loop) and turns the worker's death into a value:
 * timeout, out of memory, or exit.
 */
import { receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import type { BootedWorker } from './worker-launcher.js';
import type { FromWorker, InitMessage, InvokeMessage } from './protocol.js';
import type { LambdaErrorPayload } from './types.js';

export type EnvironmentOutcome =
  | { kind: 'result'; payload: string; memoryUsedMb: number; durationMs: number }
  /** A handled error keeps the environment; one with an exit code (uncaught exception) ends it. */
  | { kind: 'error'; error: LambdaErrorPayload; memoryUsedMb: number; durationMs: number; exitCode: number | undefined }
  | { kind: 'timeout'; durationMs: number }
  | { kind: 'out-of-memory'; durationMs: number }
  | { kind: 'exit'; exitCode: number; durationMs: number };

export type InitOutcome =
  | { kind: 'ready'; initDurationMs: number; memoryUsedMb: number }
  | { kind: 'init-error'; error: LambdaErrorPayload; initDurationMs: number }
  | { kind: 'init-timeout'; initDurationMs: number }
  | { kind: 'out-of-memory'; initDurationMs: number }
  | { kind: 'exit'; exitCode: number; initDurationMs: number };

type Death = { kind: 'out-of-memory' } | { kind: 'exit'; exitCode: number };

export interface LogListener {
  (line: string): void;
}

interface Pending {
  onMessage(msg: FromWorker): void;
  onDeath(death: Death): void;
}

export class Environment {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  #pending: Pending | undefined;
  /** The last invocation ended in a way that leaves the environment fit for another. */
  #healthy = true;
  #death: Death | undefined;
  #oom = false;
  #memoryUsedMb = 0;
  #onLog: LogListener | undefined;
  /** Output written outside any invocation (init, stray timers) goes here. */
  readonly #idleLog: LogListener;

  constructor({ worker, port }: BootedWorker, idleLog: LogListener) {
    this.#worker = worker;
    this.#port = port;
    this.#idleLog = idleLog;
    port.on('message', (msg: FromWorker) => this.#receive(msg));
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.#oom = true;
      else this.#log(`lambkin: environment error: ${err.stack ?? String(err)}`);
    });
    worker.on('exit', (exitCode) => {
      // What the worker posted before it died (an uncaught error's report, say) may still wait in
      // the channel: read it first, so the invocation settles with it rather than a bare exit.
      this.#drain();
      this.#death = this.#oom ? { kind: 'out-of-memory' } : { kind: 'exit', exitCode };
      this.#pending?.onDeath(this.#death);
    });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').replace(/\n$/, '').split('\n')) this.#log(line);
    };
    worker.stdout.on('data', forward);
    worker.stderr.on('data', forward);
  }

  /** The highest memory the worker has reported; what is known when it can no longer tell. */
  get memoryUsedMb(): number {
    return this.#memoryUsedMb;
  }

  get alive(): boolean {
    return this.#death === undefined;
  }

  #receive(msg: FromWorker): void {
    if (msg.type === 'log') this.#log(msg.line);
    else {
      if (msg.type === 'result' || msg.type === 'error') this.#healthy = msg.type === 'result' || msg.exitCode === undefined;
      this.#pending?.onMessage(msg);
    }
  }

  /**
   * Reads what the worker has already sent, without waiting for the event loop, and says
   * whether the environment is now free for another invocation: its handler has returned
   * and nothing ended it. Under load a result can wait in the channel long after the handler
   * finished; on AWS that environment would already be free.
   */
  pollFree(): boolean {
    this.#drain();
    return this.#pending === undefined && this.#healthy && this.alive;
  }

  /** Handles every message already in the channel, without waiting for the event loop. */
  #drain(): void {
    for (let m = receiveMessageOnPort(this.#port); m; m = receiveMessageOnPort(this.#port)) this.#receive(m.message as FromWorker);
  }

  #log(line: string): void {
    (this.#onLog ?? this.#idleLog)(line);
  }

  /** The Init phase: import the handler module in the worker. */
  init(message: InitMessage, limitMs: number, onLog: LogListener): Promise<InitOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    return this.#exchange<InitOutcome>(message, limitMs, onLog, {
      onMessage: (msg, settle) => {
        if (msg.type === 'ready') {
          this.#memoryUsedMb = msg.memoryUsedMb;
          settle({ kind: 'ready', initDurationMs: msg.initDurationMs, memoryUsedMb: msg.memoryUsedMb });
        }
        else if (msg.type === 'init-error') settle({ kind: 'init-error', error: msg.error, initDurationMs: msg.initDurationMs });
      },
      onDeath: (death) => ({ ...death, initDurationMs: elapsed() }),
      onTimeout: () => ({ kind: 'init-timeout', initDurationMs: elapsed() }),
    });
  }

  /** The Invoke phase: one event in, one outcome out; never rejects for a handler fault. */
  invoke(message: InvokeMessage, timeoutMs: number, onLog: LogListener): Promise<EnvironmentOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    return this.#exchange<EnvironmentOutcome>(message, timeoutMs, onLog, {
      onMessage: (msg, settle) => {
        if ((msg.type === 'result' || msg.type === 'error') && msg.requestId === message.requestId) {
          this.#memoryUsedMb = msg.memoryUsedMb;
        }
        if (msg.type === 'result' && msg.requestId === message.requestId) {
          settle({ kind: 'result', payload: msg.payload, memoryUsedMb: msg.memoryUsedMb, durationMs: elapsed() });
        } else if (msg.type === 'error' && msg.requestId === message.requestId) {
          settle({ kind: 'error', error: msg.error, memoryUsedMb: msg.memoryUsedMb, durationMs: elapsed(), exitCode: msg.exitCode });
        }
      },
      onDeath: (death) => ({ ...death, durationMs: elapsed() }),
      // AWS reports a timed-out invocation's Duration as exactly the timeout.
      onTimeout: () => ({ kind: 'timeout', durationMs: timeoutMs }),
    });
  }

  #exchange<T>(
    message: InitMessage | InvokeMessage,
    limitMs: number,
    onLog: LogListener,
    handlers: {
      onMessage(msg: FromWorker, settle: (value: T) => void): void;
      onDeath(death: Death): T;
      onTimeout(): T;
    },
  ): Promise<T> {
    if (this.#pending) throw new Error('lambkin bug: an environment was given two invocations at once');
    return new Promise<T>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (value: T) => {
        clearTimeout(timer);
        this.#pending = undefined;
        this.#onLog = undefined;
        resolve(value);
      };
      if (this.#death) {
        settle(handlers.onDeath(this.#death));
        return;
      }
      this.#onLog = onLog;
      this.#healthy = false;
      this.#pending = {
        onMessage: (msg) => handlers.onMessage(msg, settle),
        onDeath: (death) => settle(handlers.onDeath(death)),
      };
      timer = setTimeout(() => {
        // Settle first: the exit that terminate() causes is this timeout, not a crash.
        settle(handlers.onTimeout());
        void this.terminate();
      }, limitMs);
      this.#port.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    if (this.#death) return;
    this.#pending = undefined;
    this.#port.close();
    await this.#worker.terminate();
  }
}
