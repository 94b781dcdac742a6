/**
 * Watches the buckets folder (chokidar) so that a file dropped in, edited or removed by hand
 * becomes the same change the API makes. Each event goes to `ObjectStore.reconcile`, which
 * announces it once and skips the files the store wrote itself.
 *
 * A file still being written is announced when complete: chokidar's `awaitWriteFinish` reports
 * it once its size has not changed for `stabilityMs`. Size stability is the one signal every
 * writer gives (a copy, a browser download, an editor) on every platform; Node offers no
 * "closed after writing" event. A writer that pauses longer than that is announced early and
 * again when done, as two PUTs would be. Editor and OS temporary files are ignored.
 */
import { existsSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../../log.js';
import { BUCKET_NAME_RULE, isValidBucketName } from './bucket-name.js';
import type { ObjectStore, WatchEvent } from './store.js';

export interface WatchSettings {
  /** How long a file's size must hold still before it counts as written (default 200 ms). */
  stabilityMs?: number;
  /** How often its size is checked meanwhile (default 50 ms). */
  pollMs?: number;
}

// Files that editors, browsers and operating systems leave beside the ones users mean.
const TEMPORARY = [/^\.DS_Store$/, /^Thumbs\.db$/i, /^desktop\.ini$/i, /^\._/, /\.sw[a-p]$/, /~$/, /^\.#/, /^#.*#$/, /\.(crdownload|part|partial|download)$/, /^\.goutputstream-/, /^\.~lock\..*#$/];

export function isTemporaryFile(name: string): boolean {
  return TEMPORARY.some((pattern) => pattern.test(name));
}

export class BucketWatcher {
  readonly #store: ObjectStore;
  readonly #logger: Logger;
  readonly #settings: Required<WatchSettings>;
  readonly #inFlight = new Set<Promise<void>>();
  readonly #warned = new Set<string>();
  #watcher: FSWatcher | undefined;
  #ready: Promise<boolean> | undefined;
  #stopped = false;

  constructor(store: ObjectStore, logger: Logger, settings: WatchSettings = {}) {
    this.#store = store;
    this.#logger = logger;
    this.#settings = { stabilityMs: 200, pollMs: 50, ...settings };
  }

  get running(): boolean {
    return this.#watcher !== undefined;
  }

  /** Starts watching if the buckets folder exists; resolves false (and watches nothing) if it does not. */
  start(): Promise<boolean> {
    const root = this.#store.bucketsDir;
    if (this.#ready) return this.#ready;
    if (this.#stopped || !existsSync(root)) return Promise.resolve(false);
    const watcher = watch(root, {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: this.#settings.stabilityMs, pollInterval: this.#settings.pollMs },
      ignored: (path) => isTemporaryFile(basename(path)),
    });
    this.#watcher = watcher;
    watcher.on('add', (path) => this.#onEvent('add', path));
    watcher.on('change', (path) => this.#onEvent('change', path));
    watcher.on('unlink', (path) => this.#onEvent('unlink', path));
    watcher.on('error', (err) => this.#logger.error(`s3: watching ${root}: ${String(err)}`));
    // Every caller waits for the same 'ready': changes made after it are seen.
    this.#ready = new Promise<boolean>((resolve) => watcher.once('ready', () => resolve(true)));
    return this.#ready;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const watcher = this.#watcher;
    this.#watcher = undefined;
    await watcher?.close();
    await Promise.allSettled([...this.#inFlight]);
  }

  #onEvent(event: WatchEvent, path: string): void {
    const [bucket, ...names] = relative(this.#store.bucketsDir, path).split(sep);
    // A file directly in buckets/ is in no bucket.
    if (bucket === undefined || names.length === 0) return;
    if (!isValidBucketName(bucket)) {
      if (!this.#warned.has(bucket)) this.#logger.warn(`s3: the folder buckets/${bucket} is not a bucket: "${bucket}" is not a valid S3 bucket name (${BUCKET_NAME_RULE})`);
      this.#warned.add(bucket);
      return;
    }
    const work = this.#store.reconcile(bucket, names, event).catch((err: unknown) => {
      this.#logger.error(`s3: ${event} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.#inFlight.add(work);
    void work.finally(() => this.#inFlight.delete(work));
  }
}
