/**
 * Appends one JSON line per invocation to .lambkin/invocations.jsonl, off the invocation's
 * path: lines collect for up to WRITE_DELAY_MS and go out in one write, one write in flight
 * at a time. Each write is a round trip to libuv's thread pool, and writing as soon as a line
 * arrived meant thousands of them a second under load. `flush()` writes what is queued now
 * and waits for everything accepted so far.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { InvocationRecord } from '../runtime/types.js';

const WRITE_DELAY_MS = 50;

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
  #timer: NodeJS.Timeout | undefined;

  constructor(file: string, onError: (err: unknown) => void) {
    this.#file = file;
    this.#onError = onError;
  }

  append(record: InvocationRecord): void {
    this.#queued.push(JSON.stringify(record) + '\n');
    if (this.#writing === undefined) this.#timer ??= setTimeout(() => this.#write(), WRITE_DELAY_MS);
  }

  /** Writes what is queued in one write; lines queued meanwhile wait for the next delay. */
  #write(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#writing ??= this.#writeBatch().finally(() => {
      this.#writing = undefined;
      if (this.#queued.length > 0) this.#timer ??= setTimeout(() => this.#write(), WRITE_DELAY_MS);
    });
    return this.#writing;
  }

  async #writeBatch(): Promise<void> {
    const batch = this.#queued.join('');
    this.#queued = [];
    try {
      this.#handle ??= mkdir(dirname(this.#file), { recursive: true }).then(() => open(this.#file, 'a'));
      await (await this.#handle).write(batch);
    } catch (err) {
      this.#handle = undefined;
      this.#onError(err);
    }
  }

  async flush(): Promise<void> {
    while (this.#writing !== undefined || this.#queued.length > 0) await (this.#writing ?? this.#write());
  }

  /** Writes what is queued and closes the file; a later append opens it again. */
  async close(): Promise<void> {
    await this.flush();
    const handle = this.#handle;
    this.#handle = undefined;
    await (await handle)?.close();
  }
}
