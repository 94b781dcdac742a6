/**
 * Asynchronous events on disk, one JSON file each: .lambkin/queue/ holds the accepted ones
 * until delivered, .lambkin/dlq/ the dead letters. Writes go to a temporary file and are
 * renamed into place, so a kill mid-write never leaves a torn event behind.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
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
  /** The error of the last failed attempt, kept in the queued file while a retry waits. */
  lastError?: LambdaErrorPayload;
}

export interface DeadLetter extends QueuedEvent {
  condition: DeadLetterCondition;
  failedAt: string;
  error: LambdaErrorPayload;
}

/** A freshly accepted event: its own id, no attempts yet, due now. */
export function newQueuedEvent(functionName: string, event: unknown, source: SourceKind, nowMs: number): QueuedEvent {
  const now = new Date(nowMs).toISOString();
  return { id: uuidv4(), functionName, event, source, queuedAt: now, attempts: 0, throttles: 0, nextAttemptAt: now };
}

// Ids name files: anything but a plain token (a `../` from a redrive request) names no item.
const SAFE_ID = /^[A-Za-z0-9_-]+$/;

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
    if (!SAFE_ID.test(id)) return undefined;
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
