/**
 * Appends one JSON line per invocation to .lambkin/invocations.jsonl. Lines are batched
 * and written off the invocation's path: one write in flight at a time, whatever queued
 * meanwhile goes in the next one. `flush()` waits for everything accepted so far.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InvocationRecord } from '../runtime/types.js';

export function ledgerPath(projectDir: string): string {
  return join(projectDir, '.lambkin', 'invocations.jsonl');
}

export class Ledger {
  readonly #file: string;
  readonly #onError: (err: unknown) => void;
  #queued: string[] = [];
  #writing: Promise<void> | undefined;
  /** Opened once: opening the file for every batch cost more than writing it. */
  #handle: Promise<FileHandle> | undefined;

  constructor(file: string, onError: (err: unknown) => void) {
    this.#file = file;
    this.#onError = onError;
  }

  append(record: InvocationRecord): void {
    this.#queued.push(JSON.stringify(record) + '\n');
    this.#writing ??= this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      this.#handle ??= mkdir(dirname(this.#file), { recursive: true }).then(() => open(this.#file, 'a'));
      const handle = await this.#handle;
      while (this.#queued.length > 0) {
        const batch = this.#queued.join('');
        this.#queued = [];
        await handle.write(batch);
      }
    } catch (err) {
      this.#handle = undefined;
      this.#onError(err);
    } finally {
      this.#writing = undefined;
    }
  }

  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
  }

  /** Writes what is queued and closes the file; a later append opens it again. */
  async close(): Promise<void> {
    await this.flush();
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle)?.close();
  }
}
