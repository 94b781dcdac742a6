/**
 * Asynchronous events on disk, one JSON file each: .lambkin/queue/ holds the accepted ones
 * until delivered, .lambkin/dlq/ the dead letters. Writes go to a temporary file and are
 * renamed into place, so a kill mid-write never leaves a torn event behind.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LambdaErrorPayload, SourceKind } from '../runtime/types.js';
import type { DeadLetterCondition } from './retry-policy.js';

export interface QueuedEvent {
  id: string;
  functionName: string;
  event: unknown;
  source: SourceKind;
  queuedAt: string;
  attempts: number;
  throttles: number;
  nextAttemptAt: string;
  lastError?: LambdaErrorPayload;
}

export interface DeadLetter extends QueuedEvent {
  condition: DeadLetterCondition;
  failedAt: string;
  error: LambdaErrorPayload;
}

export class EventStore<T extends { id: string }> {
  readonly dir: string;
  #ready: Promise<unknown> | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  #file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  async put(item: T): Promise<void> {
    this.#ready ??= mkdir(this.dir, { recursive: true });
    await this.#ready;
    const tmp = join(this.dir, `.${item.id}.${process.pid}.tmp`);
    await writeFile(tmp, JSON.stringify(item));
    await rename(tmp, this.#file(item.id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.#file(id), { force: true });
  }

  async get(id: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.#file(id), 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Every stored item, oldest file name first; unreadable files are reported, not dropped. */
  async list(onUnreadable: (file: string, err: unknown) => void): Promise<T[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const items: T[] = [];
    for (const name of names) {
      try {
        items.push(JSON.parse(await readFile(join(this.dir, name), 'utf8')) as T);
      } catch (err) {
        onUnreadable(join(this.dir, name), err);
      }
    }
    return items;
  }
}

export function queueDir(projectDir: string): string {
  return join(projectDir, '.lambkin', 'queue');
}

export function deadLetterDir(projectDir: string): string {
  return join(projectDir, '.lambkin', 'dlq');
}
