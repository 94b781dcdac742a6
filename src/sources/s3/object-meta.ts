/**
 * What an object has that its file cannot hold (content type, user metadata, ETag, S3's
 * last-modified), kept under .lambkin/s3-meta/<bucket>/, never in the bucket folder. One JSON
 * file per key, named by the key's SHA-256 so that any key (long, odd) has a short, safe name.
 * Each record says which file state it describes (inode, size, mtime); a file changed by hand
 * no longer matches, and the store re-reads it. Records are a few hundred bytes, read and
 * written synchronously: cheaper than a thread-pool round trip (see bucket-files.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { guessContentType } from './content-type.js';
import { md5OfFile } from './object-io.js';
import { noSuchKey } from './s3-error.js';

/** The identity of one version of a file: what a hand edit changes. */
export interface FileState {
  ino: string;
  size: number;
  mtimeNs: string;
}

export interface PresentMeta {
  state: 'present';
  key: string;
  /** Quoted hex MD5, as S3 sends it in the ETag header. */
  eTag: string;
  size: number;
  /** ISO 8601 at whole seconds: S3 keeps last-modified to the second. */
  lastModified: string;
  contentType: string;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires (lower-case names). */
  headers: Record<string, string>;
  /** x-amz-meta-* values, names lower-case without the prefix. */
  userMetadata: Record<string, string>;
  file: FileState;
  /** The change that produced this state is on the change feed (false: found by a read). */
  announced: boolean;
}

/** The store removed the object: the watcher's `unlink` for it is lambkin's own, not a hand delete. */
export interface DeletedMeta {
  state: 'deleted';
  key: string;
}

export type ObjectMeta = PresentMeta | DeletedMeta;

export function fileStateOf(stats: BigIntStats): FileState {
  return { ino: stats.ino.toString(), size: Number(stats.size), mtimeNs: stats.mtimeNs.toString() };
}

export function sameFileState(a: FileState, b: FileState): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/** The file state of an object's file; a file removed since it was found is a missing key. */
export function stateOf(path: string, key: string): FileState {
  try {
    return fileStateOf(statSync(path, { bigint: true }));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw noSuchKey(key);
    throw err;
  }
}

/** Meta for a file lambkin did not write: its MD5, its mtime, and what the old record knew. */
export async function describeFile(key: string, path: string, state: FileState, previous: ObjectMeta | undefined, announced: boolean): Promise<PresentMeta> {
  const kept = previous?.state === 'present' ? previous : undefined;
  const mtimeMs = Number(BigInt(state.mtimeNs) / 1_000_000n);
  return {
    state: 'present', key, eTag: `"${await md5OfFile(path)}"`, size: state.size, lastModified: lastModifiedAt(mtimeMs),
    contentType: kept?.contentType ?? guessContentType(key), headers: kept?.headers ?? {}, userMetadata: kept?.userMetadata ?? {},
    file: state, announced,
  };
}

/** S3's last-modified for a write finishing at `ms`: whole seconds. */
export function lastModifiedAt(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export class MetaFiles {
  readonly #root: string;
  /** Folders known to exist, so that a write costs no mkdir. */
  readonly #dirs = new Set<string>();

  constructor(stateDir: string) {
    this.#root = join(stateDir, 's3-meta');
  }

  bucketDir(bucket: string): string {
    return join(this.#root, bucket);
  }

  #file(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    return join(this.#root, bucket, hash.slice(0, 2), `${hash}.json`);
  }

  read(bucket: string, key: string): ObjectMeta | undefined {
    try {
      const meta = JSON.parse(readFileSync(this.#file(bucket, key), 'utf8')) as ObjectMeta;
      // A hash collision is out of reach, but a record for another key must never be believed.
      return meta.key === key ? meta : undefined;
    } catch (err) {
      // Missing, or torn by a kill mid-write: either way the file itself is the truth.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return undefined;
      throw err;
    }
  }

  write(bucket: string, meta: ObjectMeta): void {
    const file = this.#file(bucket, meta.key);
    const dir = dirname(file);
    if (!this.#dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(meta));
    } catch (err) {
      // Someone cleaned .lambkin/ while lambkin ran: make the folder again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(meta));
    }
    renameSync(tmp, file);
  }

  remove(bucket: string, key: string): void {
    rmSync(this.#file(bucket, key), { force: true });
  }

  async removeBucket(bucket: string): Promise<void> {
    for (const dir of this.#dirs) if (dir.startsWith(this.bucketDir(bucket) + sep)) this.#dirs.delete(dir);
    await rm(this.bucketDir(bucket), { recursive: true, force: true });
  }
}
