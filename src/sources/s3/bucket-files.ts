/**
 * The files of bucket folders: where a key's file is now, making room for a new one (a file in
 * the way of a folder becomes `<folder>/%self`, see key-path.ts), tidying up after a delete,
 * and walking a bucket's files. Every path it returns is inside its bucket folder, also through
 * symbolic links: writes never leave the bucket.
 *
 * Metadata calls (stat, rename, mkdir, realpath) are synchronous on purpose: each takes
 * microseconds, while an asynchronous one is a thread-pool round trip (~0.1 ms) and a PUT needs
 * a dozen. Only copying bytes (a bucket on another file system) is asynchronous.
 */
import { randomUUID } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmdirSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { copyFile, readdir, stat, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { S3Error } from './s3-error.js';
import { SELF_NAME, endsSegment, keyToNames, namesToKey } from './key-path.js';

/** A file that changed place (the object is the same): its meta must describe the new file. */
export interface MovedObject {
  key: string;
  path: string;
}

export interface BucketEntry {
  key: string;
  path: string;
}

/** stat (or lstat) of a path that may not exist, also because a file sits where a folder would be. */
function statOrUndefined(path: string, link = false): Stats | undefined {
  try {
    return link ? lstatSync(path) : statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

export class BucketFiles {
  readonly root: string;
  readonly #tmpDir: string;
  readonly #onSkipped: (path: string) => void;
  #tmpReady = false;
  /** Resolved bucket folders: one realpath per check instead of two. */
  readonly #realBuckets = new Map<string, string>();

  constructor(root: string, tmpDir: string, onSkipped: (path: string) => void) {
    this.root = root;
    this.#tmpDir = tmpDir;
    this.#onSkipped = onSkipped;
  }

  bucketDir(bucket: string): string {
    return join(this.root, bucket);
  }

  tempFile(): string {
    if (!this.#tmpReady) mkdirSync(this.#tmpDir, { recursive: true });
    this.#tmpReady = true;
    return join(this.#tmpDir, randomUUID());
  }

  /** The file that holds `key` now, or undefined. */
  locate(bucket: string, key: string): string | undefined {
    const base = join(this.bucketDir(bucket), ...keyToNames(key));
    for (const candidate of [base, join(base, SELF_NAME)]) {
      if (statOrUndefined(candidate)?.isFile()) {
        this.assertInside(bucket, candidate);
        return candidate;
      }
    }
    return undefined;
  }

  /**
   * Makes room for `key`'s file and returns its path (call under the bucket's lock). A file on
   * the way down that holds a shorter key (`a` while writing `a/b`) moves to `a/%self`.
   */
  async prepare(bucket: string, key: string): Promise<{ path: string; moved: MovedObject[] }> {
    const bucketDir = this.bucketDir(bucket);
    const names = keyToNames(key);
    const moved: MovedObject[] = [];
    const parent = join(bucketDir, ...names.slice(0, -1));
    // The usual case: the folder exists, so every folder above it does too and no file is in the way.
    const parentIsDir = statOrUndefined(parent)?.isDirectory() === true;
    let dir = bucketDir;
    for (let i = 0; i < names.length - 1 && !parentIsDir; i++) {
      dir = join(dir, names[i]!);
      const stats = statOrUndefined(dir, true);
      if (stats === undefined) break;
      if (stats.isDirectory() || (stats.isSymbolicLink() && statOrUndefined(dir)?.isDirectory())) continue;
      const heldKey = endsSegment(names[i]!) ? namesToKey(names.slice(0, i + 1)) : undefined;
      if (heldKey === undefined) throw new S3Error('InvalidRequest', { Key: key }, `a file that is not an object is in the way of this key: ${dir}`);
      const self = join(dir, SELF_NAME);
      const folder = dir;
      await this.#moveThroughTemp(dir, () => mkdirSync(folder), self);
      moved.push({ key: heldKey, path: self });
    }
    if (!parentIsDir) mkdirSync(parent, { recursive: true });
    const base = join(parent, names.at(-1)!);
    const path = statOrUndefined(base)?.isDirectory() ? join(base, SELF_NAME) : base;
    this.assertInside(bucket, path);
    return { path, moved };
  }

  /** Moves a finished temporary file to `target`, replacing what is there. */
  async place(tmp: string, target: string): Promise<void> {
    try {
      renameSync(tmp, target);
    } catch (err) {
      // A bucket folder on another file system (a symbolic link to a disk): copy instead.
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      await copyFile(tmp, target);
      await unlink(tmp);
    }
  }

  /**
   * Removes `path` (a file of this bucket), then folders left empty up to the bucket folder;
   * a folder left holding only `%self` becomes that file again.
   */
  async remove(bucket: string, path: string): Promise<MovedObject[]> {
    unlinkSync(path);
    const bucketDir = this.bucketDir(bucket);
    const moved: MovedObject[] = [];
    let dir = path.slice(0, path.lastIndexOf(sep));
    while (dir.startsWith(bucketDir + sep)) {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        break;
      }
      if (entries.length === 0) rmdirSync(dir);
      else if (entries.length === 1 && entries[0] === SELF_NAME) {
        const key = namesToKey(relative(bucketDir, dir).split(sep));
        if (key === undefined) break;
        const folder = dir;
        await this.#moveThroughTemp(join(dir, SELF_NAME), () => rmdirSync(folder), dir);
        moved.push({ key, path: dir });
      } else break;
      dir = dir.slice(0, dir.lastIndexOf(sep));
    }
    return moved;
  }

  /** from -> temporary -> (between) -> to: a file cannot become a folder of the same name in one step. */
  async #moveThroughTemp(from: string, between: () => void, to: string): Promise<void> {
    const tmp = this.tempFile();
    await this.place(from, tmp);
    between();
    await this.place(tmp, to);
  }

  /** Throws unless `path`'s folder, resolving symbolic links, is inside the bucket folder. */
  assertInside(bucket: string, path: string): void {
    const parent = realpathSync.native(path.slice(0, path.lastIndexOf(sep)));
    const inside = (bucketDir: string) => {
      const rel = relative(bucketDir, parent);
      return !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
    };
    const known = this.#realBuckets.get(bucket);
    if (known !== undefined && inside(known)) return;
    // Not inside the folder as last resolved: resolve it again (a link may have changed) before refusing.
    const bucketDir = realpathSync.native(this.bucketDir(bucket));
    this.#realBuckets.set(bucket, bucketDir);
    if (!inside(bucketDir)) throw new S3Error('AccessDenied', {}, `the path for this key leads outside the bucket folder (${parent})`);
  }

  /** Every object file of a bucket below the folder of `underNames` (default: all), unsorted. */
  async walk(bucket: string, underNames: readonly string[] = []): Promise<BucketEntry[]> {
    const bucketDir = this.bucketDir(bucket);
    const entries: BucketEntry[] = [];
    const visit = async (dir: string, names: readonly string[]): Promise<void> => {
      const children = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
        throw err;
      });
      for (const child of children) {
        const path = join(dir, child.name);
        const childNames = [...names, child.name];
        if (child.isDirectory()) {
          await visit(path, childNames);
          continue;
        }
        // Linked files are objects; linked folders are not followed (no cycles, no escapes).
        if (!child.isFile() && !(child.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) continue;
        const key = namesToKey(childNames);
        if (key === undefined) this.#onSkipped(path);
        else entries.push({ key, path });
      }
    };
    await visit(join(bucketDir, ...underNames), underNames);
    return entries;
  }
}
