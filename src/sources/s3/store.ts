/**
 * The one place S3 objects change. Buckets are folders under <project>/buckets/, objects are
 * files (key-path.ts maps keys to names), what a file cannot hold is under .lambkin/s3-meta/.
 * Writes stream into .lambkin/s3-tmp/ and are renamed into place under the bucket's lock, so a
 * reader sees the old object or the new one, never half of one. Every change, through the API
 * or by hand (reported by watcher.ts through `reconcile`), goes out once on the change feed.
 * Metadata calls are synchronous, bytes stream asynchronously (see bucket-files.ts for why).
 */
import { statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from '../../log.js';
import { BucketFiles, type MovedObject } from './bucket-files.js';
import { ChangeFeed, byHand, type ChangeListener, type RequestContext } from './change-feed.js';
import { DEFAULT_CONTENT_TYPE } from './content-type.js';
import { keyToNames, namesToKey, prefixFolderNames, InvalidKeyError } from './key-path.js';
import { sortKeys } from './list-objects.js';
import { toObjectInfo, writeHashed, type ObjectAttributes, type ObjectInfo, type PutOptions } from './object-io.js';
import { MetaFiles, describeFile, fileStateOf, lastModifiedAt, sameFileState, stateOf, type FileState, type PresentMeta } from './object-meta.js';
import { S3Error, noSuchKey } from './s3-error.js';
import { SerialQueues } from './serial.js';
import { StoreBuckets } from './store-buckets.js';
import type { ObjectCreatedEventName } from './to-event.js';

export type WatchEvent = 'add' | 'change' | 'unlink';

export interface ObjectStoreOptions {
  projectDir: string;
  logger: Logger;
}

export class ObjectStore {
  readonly buckets: StoreBuckets;
  readonly #files: BucketFiles;
  readonly #meta: MetaFiles;
  readonly #serial = new SerialQueues();
  readonly #feed: ChangeFeed;
  readonly #skipped = new Set<string>();
  readonly #logger: Logger;

  constructor(options: ObjectStoreOptions) {
    const stateDir = join(options.projectDir, '.lambkin');
    this.#logger = options.logger;
    this.#feed = new ChangeFeed(options.logger, Date.now);
    this.#files = new BucketFiles(join(options.projectDir, 'buckets'), join(stateDir, 's3-tmp'), (path) => this.#skip(path));
    this.#meta = new MetaFiles(stateDir);
    this.buckets = new StoreBuckets(this.#files, this.#meta, this.#serial);
  }

  get bucketsDir(): string {
    return this.#files.root;
  }

  /** Subscribes to the change feed; listeners are awaited, so a write is answered after them. */
  onChange(listener: ChangeListener): () => void {
    return this.#feed.subscribe(listener);
  }

  async head(bucket: string, key: string): Promise<ObjectInfo> {
    this.buckets.assertExists(bucket);
    const path = this.#locate(bucket, key);
    if (path === undefined) throw noSuchKey(key);
    const meta = await this.#freshMeta(bucket, key, stateOf(path, key));
    return toObjectInfo(bucket, meta);
  }

  /** An open object to stream from, and its description; the caller closes the handle. */
  async open(bucket: string, key: string): Promise<{ info: ObjectInfo; handle: FileHandle }> {
    this.buckets.assertExists(bucket);
    // A write may replace the file between open and describe: try again with the new one.
    for (let attempt = 0; ; attempt++) {
      const path = this.#locate(bucket, key);
      if (path === undefined) throw noSuchKey(key);
      const handle = await open(path, 'r').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
      if (handle === undefined) continue;
      const state = fileStateOf(await handle.stat({ bigint: true }));
      const meta = await this.#freshMeta(bucket, key, state).catch(async (err: unknown) => {
        await handle.close();
        throw err;
      });
      if (sameFileState(meta.file, state) || attempt >= 2) return { info: toObjectInfo(bucket, meta), handle };
      await handle.close();
    }
  }

  async put(bucket: string, key: string, body: Readable, options: PutOptions, ctx: RequestContext): Promise<ObjectInfo> {
    this.buckets.assertExists(bucket);
    this.assertKey(key);
    return this.#write(bucket, key, body, 'ObjectCreated:Put', options, ctx);
  }

  /** CopyObject: `attributes` replaces the source's (metadata directive REPLACE), or undefined to keep them. */
  async copy(from: { bucket: string; key: string }, bucket: string, key: string, attributes: ObjectAttributes | undefined, ctx: RequestContext): Promise<ObjectInfo> {
    this.buckets.assertExists(bucket);
    this.assertKey(key);
    const { info, handle } = await this.open(from.bucket, from.key);
    const kept = attributes ?? { contentType: info.contentType, headers: { ...info.headers }, userMetadata: { ...info.userMetadata } };
    const source = handle.createReadStream();
    // Destroying the stream closes the handle, should the write fail before reading it.
    return this.#write(bucket, key, source, 'ObjectCreated:Copy', kept, ctx).finally(() => source.destroy());
  }

  /** Resolves true when an object was removed (a missing key is no error, as on S3). */
  async delete(bucket: string, key: string, ctx: RequestContext): Promise<boolean> {
    this.buckets.assertExists(bucket);
    this.assertKey(key);
    const change = await this.#serial.run(bucket, async () => {
      const path = this.#locate(bucket, key);
      if (path === undefined) return undefined;
      const moved = await this.#files.remove(bucket, path);
      this.#meta.write(bucket, { state: 'deleted', key });
      this.#refreshMoved(bucket, moved);
      return this.#feed.change(bucket, key, undefined, ctx);
    });
    await this.#feed.emit(change);
    return change !== undefined;
  }

  /** Every key of the bucket that starts with `prefix`, in S3's (UTF-8) order. */
  async listKeys(bucket: string, prefix = ''): Promise<string[]> {
    this.buckets.assertExists(bucket);
    const entries = await this.#files.walk(bucket, prefixFolderNames(prefix));
    return sortKeys(entries.map((e) => e.key).filter((key) => key.startsWith(prefix)));
  }

  /**
   * A file under a bucket folder changed outside the store (watcher.ts). Announces it unless
   * the file is exactly what the store last wrote or announced; an `unlink` of a file the
   * store deleted itself is lambkin's own too.
   */
  async reconcile(bucket: string, names: readonly string[], event: WatchEvent): Promise<void> {
    const key = namesToKey(names);
    if (key === undefined) {
      this.#skip(join(this.#files.bucketDir(bucket), ...names));
      return;
    }
    // Most events are the store's own writes: when the file is what the meta says and it was
    // announced, skip without waiting for the lock. A change after this look raises its own event.
    if (this.#isAnnounced(bucket, key)) return;
    const change = await this.#serial.run(bucket, async () => {
      const path = this.#locate(bucket, key);
      const previous = this.#meta.read(bucket, key);
      if (path === undefined) {
        if (event !== 'unlink') return undefined;
        this.#meta.remove(bucket, key);
        return previous?.state === 'deleted' ? undefined : this.#feed.change(bucket, key, undefined, byHand());
      }
      const state = stateOf(path, key);
      const known = previous?.state === 'present' && sameFileState(previous.file, state) ? previous : undefined;
      if (known?.announced) return undefined;
      const meta: PresentMeta = known ? { ...known, announced: true } : await describeFile(key, path, state, previous, true);
      this.#meta.write(bucket, meta);
      return this.#feed.change(bucket, key, { meta, eventName: 'ObjectCreated:Put' }, byHand());
    });
    await this.#feed.emit(change);
  }

  #isAnnounced(bucket: string, key: string): boolean {
    try {
      const path = this.#files.locate(bucket, key);
      const meta = this.#meta.read(bucket, key);
      return path !== undefined && meta?.state === 'present' && meta.announced && sameFileState(meta.file, stateOf(path, key));
    } catch {
      return false;
    }
  }

  async #write(bucket: string, key: string, body: Readable, eventName: ObjectCreatedEventName, options: PutOptions, ctx: RequestContext): Promise<ObjectInfo> {
    const tmp = this.#files.tempFile();
    let placed = false;
    try {
      const written = await writeHashed(body, tmp);
      if (options.contentMd5 !== undefined && options.contentMd5 !== written.md5.toString('base64')) throw new S3Error('BadDigest', { Key: key });
      const { meta, change } = await this.#serial.run(bucket, async () => {
        this.buckets.assertExists(bucket);
        if (options.ifNoneMatch === '*' && this.#locate(bucket, key) !== undefined) throw new S3Error('PreconditionFailed', { Condition: 'If-None-Match' });
        const { path, moved } = await this.#files.prepare(bucket, key);
        await this.#files.place(tmp, path);
        placed = true;
        const stats = statSync(path, { bigint: true });
        const meta: PresentMeta = {
          state: 'present', key, eTag: `"${written.md5.toString('hex')}"`, size: written.size, lastModified: lastModifiedAt(Date.now()),
          contentType: options.contentType ?? DEFAULT_CONTENT_TYPE, headers: options.headers ?? {}, userMetadata: options.userMetadata ?? {},
          file: fileStateOf(stats), announced: true,
        };
        this.#meta.write(bucket, meta);
        this.#refreshMoved(bucket, moved);
        return { meta, change: this.#feed.change(bucket, key, { meta, eventName }, ctx) };
      });
      await this.#feed.emit(change);
      return toObjectInfo(bucket, meta);
    } finally {
      if (!placed) await rm(tmp, { force: true });
    }
  }

  /** The meta of the file in `state`; a missing or outdated record is rebuilt from the file. */
  async #freshMeta(bucket: string, key: string, state: FileState): Promise<PresentMeta> {
    const meta = this.#meta.read(bucket, key);
    if (meta?.state === 'present' && sameFileState(meta.file, state)) return meta;
    return this.#serial.run(bucket, async () => {
      const path = this.#locate(bucket, key);
      if (path === undefined) throw noSuchKey(key);
      const current = stateOf(path, key);
      const previous = this.#meta.read(bucket, key);
      if (previous?.state === 'present' && sameFileState(previous.file, current)) return previous;
      // Found by a read before the watcher saw it: not announced, so the watcher still will.
      const rebuilt = await describeFile(key, path, current, previous, false);
      this.#meta.write(bucket, rebuilt);
      return rebuilt;
    });
  }

  /** Objects moved between `a` and `a/%self` keep their meta; copied ones get the new file's identity. */
  #refreshMoved(bucket: string, moved: readonly MovedObject[]): void {
    for (const { key, path } of moved) {
      const meta = this.#meta.read(bucket, key);
      const state = fileStateOf(statSync(path, { bigint: true }));
      if (meta?.state === 'present' && !sameFileState(meta.file, state)) this.#meta.write(bucket, { ...meta, file: state });
    }
  }

  #locate(bucket: string, key: string): string | undefined {
    this.assertKey(key);
    return this.#files.locate(bucket, key);
  }

  /** Throws S3's error for a key S3 would refuse (empty, over 1,024 bytes). */
  assertKey(key: string): void {
    try {
      keyToNames(key);
    } catch (err) {
      if (err instanceof InvalidKeyError && err.reason === 'too-long') throw new S3Error('KeyTooLongError', { Key: key.slice(0, 64) });
      if (err instanceof InvalidKeyError && err.reason === 'empty') throw new S3Error('InvalidArgument', {}, 'An object key cannot be empty');
      throw err;
    }
  }

  #skip(path: string): void {
    if (this.#skipped.has(path)) return;
    this.#skipped.add(path);
    this.#logger.warn(`s3: ${path} is not an object: lambkin writes no key under that name (it holds a raw control character or '\\', or an escape lambkin would not write such as %2E in 'a%2Eb', or it is a piece ending in %+ with no piece after it, or %self directly in the bucket); rename it`);
  }
}
