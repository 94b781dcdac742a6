/**
 * Buckets of the object store: the folders directly under the buckets folder whose names are
 * valid S3 bucket names. Creating and deleting one runs under that bucket's lock, like writes.
 */
import { statSync, type Dirent } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidBucketName } from './bucket-name.js';
import type { BucketFiles } from './bucket-files.js';
import type { MetaFiles } from './object-meta.js';
import { S3Error, noSuchBucket } from './s3-error.js';
import type { SerialQueues } from './serial.js';

export interface BucketInfo {
  name: string;
  creationDate: Date;
}

export class StoreBuckets {
  readonly #files: BucketFiles;
  readonly #meta: MetaFiles;
  readonly #serial: SerialQueues;
  readonly #created = new Set<() => void>();

  constructor(files: BucketFiles, meta: MetaFiles, serial: SerialQueues) {
    this.#files = files;
    this.#meta = meta;
    this.#serial = serial;
  }

  /** Called after a bucket folder is created (the watcher starts once the buckets folder exists). */
  onCreated(listener: () => void): () => void {
    this.#created.add(listener);
    return () => this.#created.delete(listener);
  }

  exists(name: string): boolean {
    return isValidBucketName(name) && statSync(this.#files.bucketDir(name), { throwIfNoEntry: false })?.isDirectory() === true;
  }

  assertExists(name: string): void {
    if (!this.exists(name)) throw noSuchBucket(name);
  }

  /** Creates the folders of the configured buckets that are missing. */
  async ensure(names: readonly string[]): Promise<void> {
    for (const name of names) await mkdir(this.#files.bucketDir(name), { recursive: true });
    if (names.length > 0) this.#notifyCreated();
  }

  async list(): Promise<BucketInfo[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.#files.root, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const buckets: BucketInfo[] = [];
    for (const entry of entries.filter((e) => isValidBucketName(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const stats = await stat(join(this.#files.root, entry.name)).catch(() => undefined);
      if (!stats?.isDirectory()) continue;
      // Not every file system records a birth time; then the folder's mtime is the best guess.
      buckets.push({ name: entry.name, creationDate: stats.birthtimeMs > 0 ? stats.birthtime : stats.mtime });
    }
    return buckets;
  }

  /** Resolves false when the bucket already existed. */
  async create(name: string): Promise<boolean> {
    if (!isValidBucketName(name)) throw new S3Error('InvalidBucketName', { BucketName: name });
    const created = await this.#serial.run(name, async () => {
      if (this.exists(name)) return false;
      await mkdir(this.#files.bucketDir(name), { recursive: true });
      return true;
    });
    if (created) this.#notifyCreated();
    return created;
  }

  /** Removes an empty bucket: its folder may hold empty folders, not one file (even one that is no object). */
  async delete(name: string): Promise<void> {
    await this.#serial.run(name, async () => {
      this.assertExists(name);
      if (!(await removeEmptyFolders(this.#files.bucketDir(name)))) throw new S3Error('BucketNotEmpty', { BucketName: name });
      await this.#meta.removeBucket(name);
    });
  }

  #notifyCreated(): void {
    for (const listener of this.#created) listener();
  }
}

/** Removes `dir` if it holds only (nested) empty folders; true when it is gone. */
async function removeEmptyFolders(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true });
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory()) empty = (await removeEmptyFolders(join(dir, entry.name))) && empty;
    else empty = false;
  }
  if (!empty) return false;
  await rmdir(dir);
  return true;
}
