/**
 * Watches files for hot reload with chokidar and says "something changed": events are debounced
 * (a "save all" is one call) and a new call comes only after the previous one has been handled,
 * so reloads never overlap and bursts collapse into one rebuild. What changed is for the caller
 * to read from the disk.
 */
import { watch, type FSWatcher } from 'chokidar';

/**
 * When, after the last event, the files are looked at again anyway. chokidar drops a change
 * of a file within 50 ms of the previous one (and re-reads a folder at most once a second), so the last of
 * several quick saves can arrive late or as no event at all; these rechecks catch it.
 */
const RECHECKS_MS = [60, 150, 400, 1100, 2500];

export interface FileWatcherOptions {
  debounceMs: number;
  onChange(): Promise<void>;
  onError(err: unknown): void;
}

/** Folders whose changes never reload a function. */
const IGNORED = /(^|[/\\])(\.git|node_modules|\.lambkin|buckets)([/\\]|$)/;

export class FileWatcher {
  readonly #o: FileWatcherOptions;
  #watcher: FSWatcher | undefined;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #recheckTimers: NodeJS.Timeout[] = [];

  constructor(options: FileWatcherOptions) {
    this.#o = options;
  }

  async start(paths: string[]): Promise<void> {
    const watcher = watch(paths, { ignoreInitial: true, ignored: (p: string) => IGNORED.test(p) });
    this.#watcher = watcher;
    for (const event of ['change', 'add', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, () => this.#record());
    watcher.on('error', (err) => this.#o.onError(err));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Watches more paths (the files a new build read). */
  add(paths: string[]): void {
    if (paths.length > 0) this.#watcher?.add(paths);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#clearRechecks();
    await this.#watcher?.close();
    this.#watcher = undefined;
    await this.#running;
  }

  #clearRechecks(): void {
    for (const timer of this.#recheckTimers) clearTimeout(timer);
    this.#recheckTimers = [];
  }

  #record(): void {
    this.#dirty = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#flush(), this.#o.debounceMs);
  }

  #flush(recheck = false): void {
    // One batch at a time: what arrives meanwhile waits and goes out as the next batch.
    if (this.#running || (!this.#dirty && !recheck)) return;
    if (!recheck) {
      this.#clearRechecks();
      this.#recheckTimers = RECHECKS_MS.map((ms) => setTimeout(() => this.#flush(true), ms));
    }
    this.#dirty = false;
    this.#running = this.#o
      .onChange()
      .catch((err: unknown) => this.#o.onError(err))
      .finally(() => {
        this.#running = undefined;
        this.#flush();
      });
  }
}
