/**
 * Reuses a function's last build when nothing it read has changed since: the compiled module,
 * its source map and what esbuild learned (inputs, exports) are kept in .lambkin/cache/<fn>/
 * with the inputs' stamps. A start or a `lambkin invoke` then skips esbuild for unchanged
 * functions, which is most of the time on the second run.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stampsChanged } from './file-stamps.js';

export interface CachedBuild {
  /** What the build depends on besides its inputs (entry, export, esbuild, target). */
  key: string;
  inputs: string[];
  stamps: Record<string, string>;
  esm: boolean;
  exports: string[];
}

const MODULE = 'index.mjs';
const MAP = 'index.mjs.map';

export class BuildCache {
  readonly #root: string;

  constructor(projectDir: string) {
    this.#root = join(projectDir, '.lambkin', 'cache');
  }

  static keyOf(parts: Record<string, string>): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  #dir(functionName: string): string {
    return join(this.#root, functionName);
  }

  async #read(functionName: string): Promise<CachedBuild | undefined> {
    try {
      return JSON.parse(await readFile(join(this.#dir(functionName), 'build.json'), 'utf8')) as CachedBuild;
    } catch {
      return undefined; // no cache yet, or a torn one: build afresh
    }
  }

  /** The inputs the last build of this function read, to stamp before building again. */
  async lastInputs(functionName: string): Promise<string[]> {
    return (await this.#read(functionName))?.inputs ?? [];
  }

  /** Copies the cached build into `outdir` if its key matches and no input changed. */
  async restore(functionName: string, key: string, outdir: string): Promise<CachedBuild | undefined> {
    const cached = await this.#read(functionName);
    if (!cached || cached.key !== key || (await stampsChanged(new Map(Object.entries(cached.stamps))))) return undefined;
    try {
      await Promise.all([MODULE, MAP].map((f) => copyFile(join(this.#dir(functionName), f), join(outdir, f))));
    } catch {
      return undefined;
    }
    return cached;
  }

  /**
   * Keeps a fresh build for next time. Each file is written under a temporary name and renamed
   * into place, the description last, so another lambkin on the project never reads a torn one.
   */
  async save(functionName: string, outdir: string, build: CachedBuild): Promise<void> {
    const dir = this.#dir(functionName);
    await mkdir(dir, { recursive: true });
    const tmp = (f: string) => join(dir, `.${f}.${process.pid}.tmp`);
    await Promise.all([MODULE, MAP].map((f) => copyFile(join(outdir, f), tmp(f))));
    await writeFile(tmp('build.json'), JSON.stringify(build));
    for (const f of [MODULE, MAP, 'build.json']) await rename(tmp(f), join(dir, f));
  }
}
