/**
 * Starts worker threads for execution environments and keeps one spare, already booted,
 * per memory size in use. A worker takes ~38 ms to boot; with a spare at hand a cold
 * start costs only the user's own module init, which is what Init Duration shows.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { FromWorker } from './protocol.js';
import { discardPrebooted, takePrebooted } from './preboot.js';

const BOOTSTRAP_URL = new URL('./bootstrap.js', import.meta.url);

/**
 * The JS heap limit of an environment. V8's old space gets most of the function's memory
 * size; the rest stands for the young generation and code, as Lambda's own limit covers
 * the whole process (fun's bootstrap uses the same 90%).
 */
export function heapLimitsFor(memorySizeMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  // A small young generation keeps an idle environment small; the old space takes the rest.
  const young = Math.max(2, Math.min(32, Math.floor(memorySizeMb / 64)));
  return { maxOldGenerationSizeMb: Math.max(32, Math.floor(memorySizeMb * 0.9) - young), maxYoungGenerationSizeMb: young };
}

/** A booted worker and the host's end of its invocation channel. */
export interface BootedWorker {
  worker: Worker;
  port: MessagePort;
}

/** Starts a worker for an environment of this memory size; resolves once bootstrap.js has loaded. */
export function spawnWorker(memorySizeMb: number, onExit: () => void): Promise<BootedWorker> {
  const channel = new MessageChannel();
  const worker = new Worker(BOOTSTRAP_URL, {
    workerData: { port: channel.port2 },
    transferList: [channel.port2],
    resourceLimits: heapLimitsFor(memorySizeMb),
    env: {},
    stdout: true,
    stderr: true,
    // The user's code must not inherit lambkin's own flags (a --max-old-space-size here
    // would override the worker's limit, nodejs/node#43991).
    execArgv: [],
  });
  worker.once('exit', onExit);
  return new Promise((resolve, reject) => {
    const onMessage = (msg: FromWorker) => {
      if (msg.type !== 'booted') return;
      cleanup();
      resolve({ worker, port: channel.port1 });
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onBootExit = (code: number) => {
      cleanup();
      reject(new Error(`environment worker exited with code ${code} while booting`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onBootExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onBootExit);
  });
}

export class WorkerLauncher {
  readonly #spares = new Map<number, Promise<BootedWorker>>();
  #stopped = false;
  #live = 0;

  /** Worker threads alive now: environments busy or idle, and spares. */
  get liveWorkers(): number {
    return this.#live;
  }

  #spawn(memorySizeMb: number): Promise<BootedWorker> {
    const adopted = takePrebooted(memorySizeMb);
    this.#live++;
    if (adopted) {
      adopted.exited.then(() => this.#live--, () => this.#live--);
      return adopted.booted;
    }
    return spawnWorker(memorySizeMb, () => this.#live--);
  }

  /**
   * A booted worker for this memory size: the spare if one is ready, else a new one. The
   * caller boots the next spare (prewarm) once its cold start has answered: on two cores a
   * worker booting beside the cold start made the first request ~40% slower.
   */
  async take(memorySizeMb: number): Promise<BootedWorker> {
    const spare = this.#spares.get(memorySizeMb);
    this.#spares.delete(memorySizeMb);
    if (spare) {
      try {
        return await spare;
      } catch {
        // A spare that failed to boot is replaced by a fresh attempt below.
      }
    }
    return this.#spawn(memorySizeMb);
  }

  /** Boots a spare for this memory size in the background, if none is waiting. */
  prewarm(memorySizeMb: number): void {
    if (this.#stopped || this.#spares.has(memorySizeMb)) return;
    const spare = this.#spawn(memorySizeMb);
    spare.catch(() => this.#spares.delete(memorySizeMb));
    this.#spares.set(memorySizeMb, spare);
  }

  /** Ends the worker the bin booted ahead if no memory size in use took it. */
  dropUnusedPreboot(): void {
    discardPrebooted();
  }

  /** Resolves once every spare being booted is ready (or has failed). */
  async ready(): Promise<void> {
    await Promise.allSettled([...this.#spares.values()]);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    discardPrebooted();
    const spares = [...this.#spares.values()];
    this.#spares.clear();
    await Promise.allSettled(spares.map(async (s) => (await s).worker.terminate()));
  }
}
